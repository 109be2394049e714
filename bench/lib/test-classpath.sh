# Sourced by bench scripts: compiles main and test classes (offline when ~/.m2 has everything) and sets
# $TEST_CP to the test classpath, so a script can run a harness main class that lives under src/test.
test_classpath() {
  local root="$1"
  local cpfile="$root/target/bench.classpath"
  (cd "$root" && ./mvnw -o -q -B -DskipTests test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile") >&2 \
    || (cd "$root" && ./mvnw -q -B -DskipTests test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile") >&2
  TEST_CP="$root/target/test-classes:$root/target/classes:$(cat "$cpfile")"
  export TEST_CP
}
