package io.tributary.sandbox.sap;

/** A {@code $filter} or {@code $orderby} the simulator cannot accept; answered as a Gateway 400. */
final class SapFilterException extends RuntimeException {

  SapFilterException(String message) {
    super(message);
  }
}
