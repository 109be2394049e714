package io.tributary.sink.bigquery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.core.SystemColumns;
import io.tributary.sink.TemporalRange;
import io.tributary.sink.WarehouseJson;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes rows (and quarantined records) as newline-delimited JSON for a load job. Integers and decimals are JSON
 * strings so no digit passes through a double; timestamps use BigQuery's canonical text with an explicit offset and
 * microseconds (BigQuery's precision). A value that cannot fit its column is left out and reported; so is JSON holding
 * a number BigQuery's JSON type cannot store exactly, and duplicate keys resolve last-wins ({@link WarehouseJson}).
 */
final class BigQueryRowEncoder {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
  /** 0001-01-01 to 9999-12-31 (BigQuery docs, "Data types"); a wider value refuses its row, not the load job. */
  private static final TemporalRange RANGE = new TemporalRange("BigQuery", Instant.parse("0001-01-01T00:00:00Z"),
      Instant.parse("+10000-01-01T00:00:00Z"), "0001-01-01 to 9999-12-31",
      "0001-01-01 00:00:00 to 9999-12-31 23:59:59.999999 UTC");

  private final BigQueryTableLayout layout;
  private final RunInfo run;

  BigQueryRowEncoder(BigQueryTableLayout layout, RunInfo run) {
    this.layout = layout;
    this.run = run;
  }

  /** Writes {@code rows}; row i gets load ordinal {@code firstSeq + i}; returns how many were written. */
  int writeRows(OutputStream out, List<Row> rows, long firstSeq, BiConsumer<Integer, String> rejected)
      throws IOException {
    int written = 0;
    List<Object> values = new ArrayList<>();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.setRootValueSeparator(null);
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        values.clear();
        String reason = encode(row, values);
        if (reason != null) {
          rejected.accept(i, reason);
          continue;
        }
        g.writeStartObject();
        for (int c = 0; c < layout.columns().size(); c++) {
          g.writeObjectField(layout.columns().get(c), values.get(c));
        }
        g.writeStringField(SystemColumns.EXTRACTED_AT, TIMESTAMP.format(run.extractedAt()));
        g.writeStringField(SystemColumns.RUN_ID, Long.toString(run.runId()));
        g.writeBooleanField(SystemColumns.DELETED, row.deleted());
        g.writeStringField(SystemColumns.SEQ, Long.toString(firstSeq + i));
        g.writeEndObject();
        g.writeRaw('\n');
        written++;
      }
    }
    return written;
  }

  void writeQuarantine(OutputStream out, String stream, List<QuarantinedRecord> records) throws IOException {
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.setRootValueSeparator(null);
      for (QuarantinedRecord r : records) {
        g.writeStartObject();
        g.writeStringField("job", run.job());
        g.writeStringField("run_id", Long.toString(run.runId()));
        g.writeStringField("stream", stream);
        g.writeStringField("source_key", r.sourceKey());
        g.writeStringField("raw_record", r.rawJson());
        g.writeStringField("reasons", String.join("; ", r.reasons()));
        g.writeStringField("quarantined_at", TIMESTAMP.format(Instant.now()));
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
  }

  private String encode(Row row, List<Object> out) {
    for (int c = 0; c < layout.columns().size(); c++) {
      Object v = c < row.values().length ? row.values()[c] : null;
      StandardSQLTypeName type = layout.types().get(c);
      try {
        out.add(v == null ? null : value(v, type));
      } catch (IllegalArgumentException e) {
        return "column " + layout.columns().get(c) + ": " + e.getMessage();
      }
    }
    return null;
  }

  private static Object value(Object v, StandardSQLTypeName type) {
    if (type == StandardSQLTypeName.JSON) {
      // staged as text and parsed at publish: made acceptable to PARSE_JSON here, so it cannot fail the publish
      return WarehouseJson.forBigQuery(v.toString());
    }
    if (v instanceof Long l) {
      return l.toString();
    } else if (v instanceof BigDecimal d) {
      return decimal(d, type);
    } else if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : d;
    } else if (v instanceof Boolean b) {
      return b;
    } else if (v instanceof LocalDate d) {
      return type == StandardSQLTypeName.TIMESTAMP ? TIMESTAMP.format(RANGE.check(d).atStartOfDay(ZoneOffset.UTC))
          : RANGE.check(d).toString();
    } else if (v instanceof Instant t) {
      return TIMESTAMP.format(RANGE.check(t));
    }
    return v.toString();
  }

  private static String decimal(BigDecimal d, StandardSQLTypeName type) {
    int maxScale = type == StandardSQLTypeName.NUMERIC ? 9 : 38;
    int maxInteger = type == StandardSQLTypeName.NUMERIC ? 29 : 38;
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() > maxScale) {
      throw new IllegalArgumentException(d.toPlainString() + " has more than " + maxScale + " decimal places for "
          + type);
    }
    if (s.precision() - s.scale() > maxInteger) {
      throw new IllegalArgumentException(d.toPlainString() + " does not fit " + type);
    }
    return d.toPlainString();
  }
}
