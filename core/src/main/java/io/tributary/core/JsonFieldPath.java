package io.tributary.core;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * The field path of a Jackson binding failure as a user writes it: {@code streams[0].primary_key},
 * {@code streams.notes.paging.type}. Shared by every loader that reports file : field : what : fix.
 */
public final class JsonFieldPath {

  private JsonFieldPath() {}

  public static String of(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      }
    }
    return sb.toString();
  }
}
