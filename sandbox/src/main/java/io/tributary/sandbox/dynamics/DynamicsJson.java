package io.tributary.sandbox.dynamics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sandbox.VendorResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dataverse response envelopes: OData v4 JSON with {@code OData-Version: 4.0}, and the Web API error shape. */
final class DynamicsJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private DynamicsJson() {}

  /** A 200 with the headers of fixture doc_paging_maxpagesize_response.http. */
  static VendorResponse ok(Object body) {
    try {
      return new VendorResponse(200, Map.of("Content-Type", "application/json; odata.metadata=minimal",
          "OData-Version", "4.0"), MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"error":{"code":..,"message":..}}}, the shape of fixture error_429_service_protection.http. */
  static VendorResponse error(int status, String code, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", code);
    err.put("message", message);
    try {
      return new VendorResponse(status, Map.of("Content-Type", "application/json; odata.metadata=minimal",
          "OData-Version", "4.0"), MAPPER.writeValueAsString(Map.of("error", err)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
