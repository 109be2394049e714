package io.tributary.sandbox.ga4;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sandbox.VendorResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Google API response envelopes: JSON bodies and the {@code google.rpc.Status} error shape. */
final class Ga4Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Ga4Json() {}

  static VendorResponse ok(Object body) {
    return VendorResponse.json(200, write(body));
  }

  /** {@code {"error":{"code":403,"message":"...","status":"PERMISSION_DENIED"}}} (Google API design guide, Errors). */
  static VendorResponse error(int code, String status, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", code);
    err.put("message", message);
    err.put("status", status);
    return VendorResponse.json(code, write(Map.of("error", err)));
  }

  /** The OAuth 2.0 token endpoint's error shape: {@code {"error":"invalid_grant","error_description":"..."}}. */
  static VendorResponse oauthError(int code, String error, String description) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("error", error);
    err.put("error_description", description);
    return VendorResponse.json(code, write(err));
  }

  static String write(Object body) {
    return VendorResponse.jsonText(MAPPER, body);
  }
}
