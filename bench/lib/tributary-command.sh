# shellcheck shell=bash
# The command the end-to-end benches time, as a user runs Tributary: the `tributary` launcher (its class data
# sharing archive, C1 only; docs/performance.md, "How the end-to-end benches start Tributary"). TRIBUTARY_START=jar
# times plain `java -jar target/tributary.jar` instead (no archive), and TRIBUTARY_JAR=<jar> a jar of another build
# (always `java -jar`). Source it with $root set: it sets the array TRIB (run it as "${TRIB[@]}" run <job>, also
# under /usr/bin/time); call `tributary_warm <dir> <job>` once before the timed rounds.
if [ -n "${TRIBUTARY_JAR:-}" ] || [ "${TRIBUTARY_START:-launcher}" = jar ]; then
  TRIB=(java -Xmx1g -XX:+UseParallelGC -XX:TieredStopAtLevel=1 --add-opens=java.base/java.nio=ALL-UNNAMED
    -jar "${TRIBUTARY_JAR:-$root/target/tributary.jar}")
  TRIB_START="java -jar (no class data sharing archive)"
else
  TRIB=("$root/tributary")
  TRIB_START="./tributary (the launcher: class data sharing archive, C1 only)"
fi

# Untimed: a first run (the launcher records the classes it loads), then `--version` (it builds the archive from
# them), so round 1 is timed like every later run. The rounds reset the run's target and job repository.
tributary_warm() { # work-dir job-file
  local dir
  dir="$(cd "$1" && pwd)"
  (cd "$dir" && "${TRIB[@]}" run "$2" >"$dir/warm-up.txt" 2>&1 && "${TRIB[@]}" --version >/dev/null) \
    || { cat "$dir/warm-up.txt" >&2; return 1; }
}
