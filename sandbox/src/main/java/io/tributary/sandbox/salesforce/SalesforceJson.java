package io.tributary.sandbox.salesforce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Salesforce value formats and error bodies. */
final class SalesforceJson {

  static final JsonFactory FACTORY = new JsonFactory();

  /** REST datetimes look like {@code 2024-01-15T10:20:30.000+0000}. */
  static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /** Bulk API CSV datetimes end in Z ({@code 2024-01-15T10:20:30.000Z}). */
  static final DateTimeFormatter CSV_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SalesforceJson() {}

  /** Salesforce's error body: a JSON array of {message, errorCode}. */
  static VendorResponse error(int status, String errorCode, String message) {
    String body = "[{\"message\":\"" + escape(message) + "\",\"errorCode\":\"" + escape(errorCode) + "\"}]";
    return VendorResponse.json(status, body);
  }

  /** The OAuth error body: an object, unlike the REST errors. */
  static VendorResponse oauthError(int status, String error, String description) {
    return VendorResponse.json(status,
        "{\"error\":\"" + escape(error) + "\",\"error_description\":\"" + escape(description) + "\"}");
  }

  static String escape(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }

  /** Writes one field value as the REST API does (numbers as doubles, e.g. 675000.0 or 1.2E7). */
  static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d.doubleValue());
    } else if (v instanceof LocalDate d) {
      g.writeString(d.toString());
    } else if (v instanceof Instant t) {
      g.writeString(DATETIME.format(t));
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(e.getKey().toString());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      g.writeString(v.toString());
    }
  }

  /** One field value as Bulk API CSV text, or null for an empty cell. */
  static String csv(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Instant t) {
      return CSV_DATETIME.format(t);
    }
    return v.toString();
  }
}
