package io.tributary.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The testing options of {@code run} and {@code worker}, known only to the test command line
 * ({@link TestCommandLine}): {@code --fail-after-chunks N} fails every stream step after N committed chunks,
 * {@code --fail-partition P} with it fails only the partition named P (for example {@code p2}),
 * {@code --lose-run-lock job-start} takes the run lock away as the job starts ({@link RunLockLossInjector}). They reach
 * the Spring context the command starts as system properties, where the injectors read them.
 */
final class InjectedFailureOptions {

  static final String FAIL_AFTER_CHUNKS = "tributary.test.fail-after-chunks";
  static final String FAIL_PARTITION = "tributary.test.fail-partition";
  static final String LOSE_RUN_LOCK = "tributary.test.lose-run-lock";
  private static final Map<String, String> PROPERTIES = Map.of(
      "--fail-after-chunks", FAIL_AFTER_CHUNKS,
      "--fail-partition", FAIL_PARTITION,
      "--lose-run-lock", LOSE_RUN_LOCK);

  private InjectedFailureOptions() {}

  /** Sets the testing options found in {@code args} as system properties; returns the other arguments, in order. */
  static String[] install(String... args) {
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      String name = args[i].startsWith("--") && eq > 0 ? args[i].substring(0, eq) : args[i];
      String property = PROPERTIES.get(name);
      if (property == null) {
        rest.add(args[i]);
        continue;
      }
      if (eq < 0 && i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      System.setProperty(property, eq > 0 ? args[i].substring(eq + 1) : args[++i]);
    }
    return rest.toArray(String[]::new);
  }

  /** Removes what {@link #install} set, so the next command in this JVM runs without injected failures. */
  static void clear() {
    PROPERTIES.values().forEach(System::clearProperty);
  }
}
