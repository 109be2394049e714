package io.tributary.mapping;

/**
 * A value that cannot be coerced or fails a rule. Cheap: no stack trace, since bad records are expected data. Keeps
 * the offending value apart from the problem, so a PII field's reason can show the value transformed, never in clear.
 */
final class InvalidValue extends RuntimeException {

  private final transient Object value;
  private final String problem;

  /** {@code value} (quoted, abbreviated) followed by {@code problem}, for example "is not a number". */
  InvalidValue(Object value, String problem) {
    super("'" + ValueCoercer.abbreviate(String.valueOf(value)) + "' " + problem, null, false, false);
    this.value = value;
    this.problem = problem;
  }

  /** A problem that quotes no value. */
  InvalidValue(String message) {
    super(message, null, false, false);
    this.value = null;
    this.problem = message;
  }

  /** The reason with the value as {@code shown} (already transformed), or the message when no value is quoted. */
  String describe(String shown) {
    return value == null ? problem : "'" + ValueCoercer.abbreviate(shown) + "' " + problem;
  }
}
