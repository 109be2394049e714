package io.tributary.sandbox.greenhouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sandbox.VendorResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Harvest's JSON: list bodies are bare arrays, timestamps ISO-8601 with milliseconds ("2016-02-03T16:38:46.985Z",
 * General considerations), errors a {@code message} with, for validation, an {@code errors} list (Validation).
 */
final class GreenhouseJson {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private GreenhouseJson() {}

  static String write(Object value) {
    return VendorResponse.jsonText(MAPPER, value);
  }

  static String time(Instant t) {
    return t == null ? null : ISO_MILLIS.format(t);
  }

  /** An error body of the documented shape {@code {"message": ...}}. */
  static VendorResponse message(int status, String message) {
    return VendorResponse.json(status, write(Map.of("message", message)));
  }

  /** The documented 422: {@code {"message": "Validation error", "errors": [{"message", "field"}]}}. */
  static VendorResponse validation(String field, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("field", field);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "Validation error");
    body.put("errors", List.of(error));
    return VendorResponse.json(422, write(body));
  }
}
