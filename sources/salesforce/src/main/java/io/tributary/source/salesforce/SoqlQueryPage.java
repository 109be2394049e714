package io.tributary.source.salesforce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.JsonValues;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of a REST {@code /query} or {@code /queryAll} response, parsed.
 *
 * <p>Records become flat maps: {@code attributes} is dropped; a parent relationship object is flattened with dotted
 * keys ({@code "Owner":{"Name":..}} → {@code Owner.Name}), recursively; a null relationship stays one null entry under
 * its relationship name ({@code Owner} → null), since the page does not say which fields it would have held; a child
 * sub-query result (an object with {@code records}) and a compound value without {@code attributes} (an address) are
 * kept as JSON text. Numbers with a fraction or exponent become BigDecimal (Salesforce writes currency as
 * {@code 675000.0} or {@code 1.2E7}), whole numbers Long; strings stay strings (typing follows the describe).
 *
 * @param totalSize the query's total row count as Salesforce reports it
 * @param done true on the last batch
 * @param nextRecordsUrl the relative URL of the next batch, or null when done
 * @param records the batch's records in order
 */
public record SoqlQueryPage(long totalSize, boolean done, String nextRecordsUrl, List<Map<String, Object>> records) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  public SoqlQueryPage {
    records = List.copyOf(records);
  }

  /** Parses a query response body, streaming record by record. A broken body is a TRANSIENT failure. */
  public static SoqlQueryPage parse(InputStream body) {
    try (JsonParser p = JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw broken("the body is not a JSON object", null);
      }
      long total = -1;
      boolean done = false;
      String next = null;
      List<Map<String, Object>> records = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "totalSize" -> total = p.getLongValue();
          case "done" -> done = p.getBooleanValue();
          case "nextRecordsUrl" -> next = p.getValueAsString();
          case "records" -> readRecords(p, records);
          default -> p.skipChildren();
        }
      }
      if (total < 0) {
        throw broken("the body has no totalSize", null);
      }
      return new SoqlQueryPage(total, done, done ? null : next, records);
    } catch (IOException e) {
      throw broken(e.getMessage(), e);
    }
  }

  /** Parses a bare {@code records} array (as some tools log them). */
  public static List<Map<String, Object>> parseRecords(InputStream body) {
    try (JsonParser p = JSON.getFactory().createParser(body)) {
      p.nextToken();
      List<Map<String, Object>> out = new ArrayList<>();
      readRecords(p, out);
      return out;
    } catch (IOException e) {
      throw broken(e.getMessage(), e);
    }
  }

  /** Flattens one record object (attributes dropped, relationships dotted). */
  public static Map<String, Object> flatten(JsonNode record) {
    Map<String, Object> out = new LinkedHashMap<>();
    flatten("", record, out);
    return out;
  }

  private static void readRecords(JsonParser p, List<Map<String, Object>> out) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw broken("records is not an array", null);
    }
    while (p.nextToken() == JsonToken.START_OBJECT) {
      out.add(flatten(p.readValueAsTree()));
    }
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw broken("records holds something other than objects", null);
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (e.getKey().equals("attributes")) {
        continue;
      }
      if (v.isObject() && v.has("attributes") && !v.has("records")) {
        flatten(key + ".", v, out);
      } else if (v.isContainerNode()) {
        out.put(key, v.toString());
      } else {
        out.put(key, JsonValues.of(v));
      }
    }
  }

  private static TributaryException broken(String what, Throwable cause) {
    return TributaryException.transientFailure("Salesforce query response could not be read: " + what, cause);
  }

  /** Test and tooling helper: a record node from text. */
  static ObjectNode node(String json) throws IOException {
    return (ObjectNode) JSON.readTree(json);
  }
}
