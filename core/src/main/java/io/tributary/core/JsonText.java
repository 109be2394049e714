package io.tributary.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * JSON text that its source guarantees is well formed, such as the value of a database {@code json} or {@code jsonb}
 * column, which the database validated on write. The mapper passes it through without parsing it again; a plain
 * {@code String} bound for a JSON column is still validated.
 */
public record JsonText(@JsonValue String json) {

  public JsonText {
    Objects.requireNonNull(json, "json");
  }

  @Override
  public String toString() {
    return json;
  }
}
