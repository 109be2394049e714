package io.tributary.sandbox.netsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.sandbox.VendorResponse;

/**
 * NetSuite REST error bodies: RFC 9110-typed problem details with {@code o:errorDetails} (format of the recorded
 * 400s in ../shared/fixtures/netsuite). The 400 wordings for unknown identifiers and search types copy those
 * recordings; the 401/429/500 and paging wordings are the simulator's, in the same format.
 */
final class NetSuiteErrorBodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String QUERY_PREFIX = "Invalid search query. Detailed unprocessed description follows. ";

  private NetSuiteErrorBodies() {}

  static VendorResponse of(int status, String section, String title, String detail, String param, String code) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "https://www.rfc-editor.org/rfc/rfc9110.html#section-" + section);
    root.put("title", title);
    root.put("status", status);
    ObjectNode d = root.putArray("o:errorDetails").addObject();
    d.put("detail", detail);
    if (param != null) {
      d.put("o:errorQueryParam", param);
    }
    d.put("o:errorCode", code);
    return VendorResponse.json(status, root.toString());
  }

  static VendorResponse badQuery(String detail) {
    return of(400, "15.5.1", "Bad Request", QUERY_PREFIX + detail, "q", "INVALID_PARAMETER");
  }

  static VendorResponse badParameter(String param, String detail) {
    return of(400, "15.5.1", "Bad Request", detail, param, "INVALID_PARAMETER");
  }

  static VendorResponse invalidLogin() {
    return of(401, "15.5.2", "Unauthorized", "Invalid login attempt. For more details, see the Login Audit Trail in"
        + " the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.", null,
        "INVALID_LOGIN");
  }

  static VendorResponse concurrency() {
    return of(429, "15.5.30", "Too Many Requests", "Concurrent request limit exceeded. Request blocked.", null,
        "CONCURRENCY_LIMIT_EXCEEDED").withHeader("Retry-After", "1");
  }

  static VendorResponse fault(int status) {
    return switch (status) {
      case 429 -> concurrency();
      case 503 -> of(503, "15.6.4", "Service Unavailable", "The service is temporarily unavailable.", null,
          "SERVICE_UNAVAILABLE").withHeader("Retry-After", "1");
      default -> of(status, "15.6.1", "Internal Server Error",
          "An unexpected error occurred. Error ID: lxq3k2b41ce1bzxh9ma7x", null, "UNEXPECTED_ERROR");
    };
  }
}
