package io.tributary.sandbox.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sandbox.VendorResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** HubSpot's JSON bodies: the v3 {@code Error} and batch-read shapes and the serializer every endpoint shares. */
final class HubSpotJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private HubSpotJson() {}

  static String write(Object value) {
    return VendorResponse.jsonText(MAPPER, value);
  }

  static VendorResponse ok(Object body) {
    return VendorResponse.json(200, write(body));
  }

  /** A completed batch read's body; {@code tookMillis} after {@code now} is its {@code completedAt}. */
  static VendorResponse batch(List<Object> results, Instant now, long tookMillis) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "COMPLETE");
    out.put("results", results);
    out.put("startedAt", HubSpotRecords.ISO_MILLIS.format(now));
    out.put("completedAt", HubSpotRecords.ISO_MILLIS.format(now.plusMillis(tookMillis)));
    return ok(out);
  }

  /**
   * The v3 {@code Error} body ({@code status}, {@code message}, {@code correlationId}, {@code category}), as in the
   * recorded search 429 and the official spec example. The messages for validation errors are the simulator's own.
   */
  static VendorResponse error(int status, String category, String message) {
    return error(status, category, message, null);
  }

  /** The error envelope; {@code context} (field → messages) only when given, as HubSpot omits it otherwise. */
  static VendorResponse error(int status, String category, String message, Map<String, List<String>> context) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("status", "error");
    e.put("message", message);
    e.put("correlationId", UUID.randomUUID().toString());
    e.put("category", category);
    if (context != null) {
      e.put("context", context);
    }
    return VendorResponse.json(status, write(e));
  }
}
