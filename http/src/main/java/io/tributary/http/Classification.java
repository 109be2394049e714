package io.tributary.http;

import java.time.Duration;

/**
 * The verdict on one error response.
 *
 * @param errorClass how to handle it
 * @param vendorMessage the platform's own words (already extracted from the body), or null
 * @param hint how the user fixes it, or null for the default hint of the class
 * @param retryAfter how long the platform asked us to wait (TRANSIENT only), or null
 */
public record Classification(ErrorClass errorClass, String vendorMessage, String hint, Duration retryAfter) {

  public static Classification of(ErrorClass errorClass, String vendorMessage) {
    return new Classification(errorClass, vendorMessage, null, null);
  }

  public Classification withHint(String newHint) {
    return new Classification(errorClass, vendorMessage, newHint, retryAfter);
  }

  public Classification withRetryAfter(Duration wait) {
    return new Classification(errorClass, vendorMessage, hint, wait);
  }
}
