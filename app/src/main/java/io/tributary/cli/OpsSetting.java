package io.tributary.cli;

/**
 * One operations setting (metrics, lineage, alerts): a system property, else an environment variable, else a
 * default. docs/operations.md lists them all.
 */
final class OpsSetting {

  private OpsSetting() {}

  /** The value, or {@code fallback} when neither the property nor the variable is set or both are blank. */
  static String get(String property, String variable, String fallback) {
    String v = System.getProperty(property, System.getenv(variable));
    return v == null || v.isBlank() ? fallback : v.strip();
  }
}
