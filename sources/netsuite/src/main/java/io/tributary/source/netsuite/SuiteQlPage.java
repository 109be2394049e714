package io.tributary.source.netsuite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SuiteQL response page: {@code links, count, hasMore, items[], offset, totalResults}. Items keep their fields
 * as the JSON gave them (SuiteQL sends strings); each item's own {@code links} array is dropped.
 */
record SuiteQlPage(List<Map<String, Object>> items, boolean hasMore, long count, long offset, long totalResults,
    String nextHref) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static SuiteQlPage parse(InputStream in) throws IOException {
    List<Map<String, Object>> items = new ArrayList<>();
    boolean hasMore = false;
    long count = -1;
    long offset = -1;
    long total = -1;
    String next = null;
    try (JsonParser p = JSON.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("SuiteQL response is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "items" -> readItems(p, items);
          case "hasMore" -> hasMore = p.getValueAsBoolean();
          case "count" -> count = p.getValueAsLong();
          case "offset" -> offset = p.getValueAsLong();
          case "totalResults" -> total = p.getValueAsLong();
          case "links" -> next = nextLink(p);
          default -> p.skipChildren();
        }
      }
    }
    return new SuiteQlPage(items, hasMore, count, offset, total, next);
  }

  private static void readItems(JsonParser p, List<Map<String, Object>> items) throws IOException {
    while (p.nextToken() == JsonToken.START_OBJECT) {
      Map<String, Object> item = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("links") || t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          if (!field.equals("links")) {
            item.put(field, JSON.readTree(p).toString());
          } else {
            p.skipChildren();
          }
        } else {
          item.put(field, t == JsonToken.VALUE_NULL ? null : p.getText());
        }
      }
      items.add(item);
    }
  }

  private static String nextLink(JsonParser p) throws IOException {
    String next = null;
    com.fasterxml.jackson.databind.JsonNode links = JSON.readTree(p);
    for (com.fasterxml.jackson.databind.JsonNode link : links) {
      if ("next".equals(link.path("rel").asText())) {
        next = link.path("href").asText(null);
      }
    }
    return next;
  }
}
