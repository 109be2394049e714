package io.tributary.sandbox.oracleerp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.sandbox.VendorResponse;
import java.util.Map;

/**
 * Oracle Fusion REST error answers. Under REST framework version 4 or later the body is the ADF error payload
 * ({@code application/vnd.oracle.adf.error+json}: {@code title}, {@code status}, {@code o:errorDetails} with
 * {@code detail}); earlier versions answer the detail as plain text ("Understanding REST API
 * Framework Version Support"). A 401 has no body. The detail wordings are the simulator's own.
 */
final class OracleErpErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OracleErpErrors() {}

  static VendorResponse of(int status, String title, String detail, int frameworkVersion) {
    if (frameworkVersion < 4) {
      return new VendorResponse(status, Map.of("Content-Type", "text/plain;charset=UTF-8"), detail);
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("title", title);
    root.put("status", Integer.toString(status));
    ObjectNode d = root.putArray("o:errorDetails").addObject();
    // o:errorCode is optional in the payload; the simulator has no vendor codes to give, so it leaves it out.
    d.put("detail", detail);
    return new VendorResponse(status, Map.of("Content-Type", "application/vnd.oracle.adf.error+json"),
        root.toString());
  }

  static VendorResponse badRequest(String detail, int frameworkVersion) {
    return of(400, "Bad Request", detail, frameworkVersion);
  }

  static VendorResponse notFound(String detail, int frameworkVersion) {
    return of(404, "Not Found", detail, frameworkVersion);
  }

  static VendorResponse unauthorized() {
    return new VendorResponse(401, Map.of("Content-Type", "text/plain;charset=UTF-8"), "");
  }

  static VendorResponse fault(int status) {
    String title = switch (status) {
      case 429 -> "Too Many Requests";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
    VendorResponse r = of(status, title, title + " (sandbox fault " + status + ")", 4);
    return status == 429 || status == 503 ? r.withHeader("Retry-After", "1") : r;
  }
}
