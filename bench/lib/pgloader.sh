# Runs pgloader for the benches: pgloader_run <load file> <output file> <rss file>. Sets PGL_SECONDS to the wall time
# of the run that completed. Debian's pgloader 3.6.7~devel (SBCL) sometimes dies as it starts, before it touches a
# table, with "KABOOM! ... Invalid index 1 for (SIMPLE-ARRAY (UNSIGNED-BYTE 32) (1))" (a race in its log set-up,
# dimitri/pgloader#1380); such a start is tried again, up to 3 times, and only the run that completed is timed. Any
# other failure prints pgloader's output and fails. Source it with now() and elapsed() defined.
pgloader_run() {
  local load="$1" output="$2" rss="$3" attempt t0 t1
  for attempt in 1 2 3; do
    t0=$(now)
    if /usr/bin/time -f '%M' -o "$rss" pgloader --quiet "$load" > "$output" 2>&1; then
      t1=$(now)
      PGL_SECONDS=$(elapsed "$t0" "$t1")
      return 0
    fi
    if ! grep -q 'KABOOM' "$output" || ! grep -q 'SIMPLE-ARRAY (UNSIGNED-BYTE 32)' "$output"; then
      break
    fi
    echo "pgloader died as it started (dimitri/pgloader#1380), attempt $attempt; trying again" >&2
  done
  cat "$output" >&2
  return 1
}
