package io.tributary.source.rest.bamboohr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.source.rest.RestHook;

/**
 * The hook of the {@code bamboohr} definition. Why YAML is not enough: "Get Changed Employee IDs"
 * ({@code GET /employees/changed}) answers {@code employees} as a JSON object keyed by employee id
 * ({@code {"3": {"id": "3", "action": "Inserted", ...}}}), not as an array, and a records pointer selects arrays only.
 * This turns that object into the array of its values; other bodies pass unchanged.
 */
public final class BambooHrHook implements RestHook {

  @Override
  public JsonNode response(String stream, JsonNode body) {
    JsonNode employees = body.path("employees");
    if (!employees.isObject()) {
      return body;
    }
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    ArrayNode list = copy.putArray("employees");
    employees.elements().forEachRemaining(list::add);
    return copy;
  }
}
