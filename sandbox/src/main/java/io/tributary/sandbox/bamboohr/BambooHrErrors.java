package io.tributary.sandbox.bamboohr;

import io.tributary.sandbox.VendorResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BambooHR error answers: the status code and, for most 4xx, an {@code X-BambooHR-Error-Message} header with the
 * detail, and no body ("Technical Overview", documentation.bamboohr.com/docs/api-details, which lists 400, 401, 403,
 * 404, 406, 409, 429, 500, 502 and 503). The header wordings are the simulator's own.
 */
final class BambooHrErrors {

  static final String MESSAGE_HEADER = "X-BambooHR-Error-Message";

  private BambooHrErrors() {}

  static VendorResponse of(int status, String message) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/html; charset=UTF-8");
    if (message != null) {
      headers.put(MESSAGE_HEADER, message);
    }
    return new VendorResponse(status, headers, "");
  }

  /** 401: "Your API key is missing" (or not one BambooHR knows). */
  static VendorResponse unauthorized() {
    return of(401, "Invalid API key. Send the API key as the Basic user name (any password, e.g. x).");
  }

  /**
   * A rate-limited request: 429 since 2026-09-16, 503 before; "Every rate-limited response includes a Retry-After
   * header" ("Planned Changes to the API").
   */
  static VendorResponse rateLimited(int status) {
    return of(status, "Rate limit exceeded").withHeader("Retry-After", "1");
  }

  static VendorResponse fault(int status, int rateLimitStatus) {
    return switch (status) {
      case 429 -> rateLimited(rateLimitStatus);
      // "503 Service Unavailable - The service is temporarily unavailable ... We provide a header Retry-After".
      case 503 -> of(503, null).withHeader("Retry-After", "1");
      default -> of(status, null);
    };
  }
}
