package io.tributary.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Cursor;
import java.util.Map;

/**
 * Cursors as small JSON strings, for the ExecutionContext and the watermark table. Values are stored exactly as the
 * source formatted them, and a source's value text carries its type (the JDBC source writes a wall-clock timestamp
 * without an offset and a {@code timestamptz} as an instant, see {@code JdbcValues}), so a restart binds the same
 * type the first run read; nothing here parses or converts a value.
 */
public final class CursorCodec {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private CursorCodec() {}

  public static String encode(Cursor cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(cursor.values());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cursor cannot be written as JSON", e);
    }
  }

  public static Cursor decode(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return new Cursor(JSON.readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored cursor is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
