# Sourced by bench scripts: compiles main and test classes of the app module and every module it depends on (offline
# when ~/.m2 has everything) and sets $TEST_CP to app's test class path, so a script can run a harness main class that
# lives under app/src/test (ChaosMain, ConfigSpaceMain...) or the test command line io.tributary.cli.TestCommandLine,
# which adds the failure-injection options (--fail-after-chunks, --fail-partition) to ./tributary. Sibling modules
# appear as their target/classes (target/test-classes for test-jars): nothing is installed into ~/.m2.
test_classpath() {
  local root="$1"
  local cpfile="$root/target/bench.classpath"
  mkdir -p "$root/target"
  # With -am every module of the reactor writes the file in turn; app comes last, so its class path is what stays.
  (cd "$root" && ./mvnw -o -q -B -DskipTests -pl app -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile") >&2 \
    || (cd "$root" && ./mvnw -q -B -DskipTests -pl app -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile") >&2
  TEST_CP="$root/app/target/test-classes:$root/app/target/classes:$(cat "$cpfile")"
  export TEST_CP
}
