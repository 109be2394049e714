package io.tributary.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * JSON text made acceptable to a warehouse's JSON parser at encode time, so a value the mapper accepted can never fail
 * the one statement that publishes a run (and every rerun of it). Two rules, each a documented warehouse behaviour:
 * <ul>
 *   <li>Duplicate keys resolve last-wins, as the mapper and PostgreSQL's jsonb read them: Snowflake's PARSE_JSON
 *       rejects them by default (Snowflake docs, "PARSE_JSON": parameter {@code 's'}, strict, is the default).
 *   <li>For BigQuery, a number must be stored exactly by INT64, UINT64 or FLOAT64: PARSE_JSON's default
 *       {@code wide_number_mode => 'exact'} fails on any other (BigQuery docs, "JSON functions", PARSE_JSON). Such a
 *       value is refused with a reason, and the sink quarantines the record; it is never rounded silently.
 * </ul>
 * Well-formed text without duplicate keys (the common case) is returned as it is, after one streaming pass.
 */
public final class WarehouseJson {

  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper LAST_WINS = JsonMapper.builder()
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private WarehouseJson() {}

  /** {@code json} with duplicate keys resolved last-wins; IllegalArgumentException when it is not JSON. */
  public static String forSnowflake(String json) {
    return normalized(json, false);
  }

  /** Like {@link #forSnowflake}, and refuses a number BigQuery's JSON type cannot store exactly. */
  public static String forBigQuery(String json) {
    return normalized(json, true);
  }

  private static String normalized(String json, boolean exactNumbers) {
    try {
      if (!hasDuplicateKeys(json, exactNumbers)) {
        return json;
      }
      JsonNode tree = LAST_WINS.readTree(json);
      return LAST_WINS.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new IllegalStateException("reading JSON from a String cannot fail on I/O", e);
    }
  }

  /** One streaming pass: true at the first duplicate key; checks every number on the way when asked. */
  private static boolean hasDuplicateKeys(String json, boolean exactNumbers) throws IOException {
    try (JsonParser p = STRICT.createParser(json)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (exactNumbers && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)) {
          requireExact(p.getText(), t == JsonToken.VALUE_NUMBER_INT);
        }
      }
      return false;
    } catch (JsonParseException e) {
      if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
        if (exactNumbers) {
          // the rest of the text was not checked: check it all, duplicates allowed
          checkNumbers(json);
        }
        return true;
      }
      throw e;
    }
  }

  private static void checkNumbers(String json) throws IOException {
    try (JsonParser p = LAST_WINS.getFactory().createParser(json)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          requireExact(p.getText(), t == JsonToken.VALUE_NUMBER_INT);
        }
      }
    }
  }

  private static void requireExact(String number, boolean integral) {
    if (integral) {
      BigInteger i = new BigInteger(number);
      if (i.compareTo(INT64_MIN) >= 0 && i.compareTo(UINT64_MAX) <= 0) {
        return;
      }
    }
    BigDecimal exact = new BigDecimal(number);
    double d = exact.doubleValue();
    if (!Double.isInfinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
      return;
    }
    throw new IllegalArgumentException("holds the number " + abbreviate(number) + ", which BigQuery's JSON type"
        + " cannot store exactly (only INT64, UINT64 and FLOAT64 values are)");
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
