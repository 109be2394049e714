package io.tributary.sandbox;

/**
 * A request the simulated API refuses (a query it cannot parse, a parameter out of range): thrown where the
 * simulator finds the fault, caught by the platform's routes and answered with the vendor's 400 body and this message.
 */
public final class RefusedRequest extends RuntimeException {

  public RefusedRequest(String message) {
    super(message);
  }
}
