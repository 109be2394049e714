package io.tributary.sandbox.marketo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.sandbox.VendorResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Marketo's response envelope (rest-api.md, error-codes.md): {@code requestId}, {@code success}, and either
 * {@code result} or {@code errors[{code, message}]}, with HTTP 200 for both; codes are strings on the wire.
 */
final class MarketoJson {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong REQUESTS = new AtomicLong(0x14272d07d78L);

  private MarketoJson() {}

  static VendorResponse ok(List<ObjectNode> result) {
    ObjectNode n = envelope(true);
    ArrayNode a = n.putArray("result");
    result.forEach(a::add);
    return VendorResponse.json(200, n.toString());
  }

  static VendorResponse error(String code, String message) {
    ObjectNode n = envelope(false);
    n.putArray("errors").addObject().put("code", code).put("message", message);
    return VendorResponse.json(200, n.toString());
  }

  private static ObjectNode envelope(boolean success) {
    ObjectNode n = JSON.createObjectNode();
    long id = REQUESTS.incrementAndGet();
    n.put("requestId", Long.toHexString(id & 0xffff) + "#" + Long.toHexString(id));
    n.put("success", success);
    return n;
  }
}
