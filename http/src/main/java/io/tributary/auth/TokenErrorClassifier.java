package io.tributary.auth;

import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import io.tributary.http.ErrorClassifier;
import io.tributary.http.VendorMessage;
import java.net.http.HttpHeaders;

/**
 * Errors of an OAuth 2.0 token endpoint (RFC 6749 §5.2): every 4xx is an AUTH failure with a hint chosen by the
 * {@code error} code; 429/5xx stay transient.
 */
final class TokenErrorClassifier implements ErrorClassifier {

  private final DefaultErrorClassifier defaults = new DefaultErrorClassifier();

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    Classification base = defaults.classify(status, headers, body);
    if (base.errorClass() == ErrorClass.TRANSIENT) {
      return base;
    }
    String vendor = VendorMessage.extract(body);
    return Classification.of(ErrorClass.AUTH, vendor).withHint(hintFor(vendor == null ? "" : vendor));
  }

  private static String hintFor(String vendor) {
    if (vendor.startsWith("invalid_grant")) {
      return "the grant was rejected (refresh token expired or revoked, JWT user not pre-authorized for the app,"
          + " certificate mismatch, or clock skew): re-authorize the app or fix the user/certificate, then update"
          + " the secret the job file references";
    }
    if (vendor.startsWith("invalid_client")) {
      return "the client id or secret is wrong, or the app is not active yet: check the secrets the job file"
          + " references";
    }
    if (vendor.startsWith("unauthorized_client")) {
      return "the app is not allowed to use this grant type: enable it in the app's OAuth settings";
    }
    if (vendor.startsWith("invalid_scope")) {
      return "the requested scope is not granted to the app: fix 'scope' in the job file or the app's scopes";
    }
    return "check the token URL and the credentials the job file references";
  }
}
