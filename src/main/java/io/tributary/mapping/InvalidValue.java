package io.tributary.mapping;

/** A value that cannot be coerced or fails a rule. Cheap: no stack trace, since bad records are expected data. */
final class InvalidValue extends RuntimeException {

  InvalidValue(String message) {
    super(message, null, false, false);
  }
}
