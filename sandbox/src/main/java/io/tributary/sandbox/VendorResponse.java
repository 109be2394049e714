package io.tributary.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * A complete, small vendor response (an error body and its headers).
 *
 * @param status HTTP status
 * @param headers extra response headers (Content-Type included)
 * @param body the body text
 */
public record VendorResponse(int status, Map<String, String> headers, String body) {

  public VendorResponse {
    headers = Map.copyOf(headers);
  }

  public static VendorResponse json(int status, String body) {
    return new VendorResponse(status, Map.of("Content-Type", "application/json;charset=UTF-8"), body);
  }

  /** {@code value} as JSON text; a value the simulator cannot write is a bug of the simulator, not of the client. */
  public static String jsonText(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a sandbox response", e);
    }
  }

  /**
   * This response with its body cut off halfway, as when a proxy or a dropped stream ends a page early. The sandbox
   * sends the cut body with a matching Content-Length, so the client gets a complete HTTP message whose JSON is not.
   */
  public VendorResponse truncated() {
    return new VendorResponse(status, headers, body.substring(0, body.length() / 2));
  }

  public VendorResponse withHeader(String name, String value) {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new VendorResponse(status, h, body);
  }
}
