package io.tributary.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Cursor;
import io.tributary.core.SystemTables;
import io.tributary.core.TributaryException;
import java.util.Map;
import java.util.TreeMap;

/** A position as the state table's {@code position} column holds it: a JSON object of strings, keys sorted. */
public final class CursorJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> CURSOR_MAP = new TypeReference<>() {};

  private CursorJson() {}

  public static String write(Cursor position) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(position.values()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  /** The position {@code json} holds; null (a row written without one) is the start. */
  public static Cursor read(String json) {
    if (json == null) {
      return Cursor.START;
    }
    try {
      return new Cursor(JSON.readValue(json, CURSOR_MAP));
    } catch (JsonProcessingException e) {
      throw new TributaryException(TributaryException.Kind.CONFIG, SystemTables.STATE
          + " holds a position that is not a JSON object of strings: " + e.getOriginalMessage(),
          "delete the stream's row from " + SystemTables.STATE + " and run with --full-refresh", e);
    }
  }
}
