package io.tributary.sink.databricks;

import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.TemporalRange;
import io.tributary.sink.WarehouseJson;
import io.tributary.sink.jdbc.TableLayout;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes one chunk as a gzip CSV file for PUT into the volume: the stream columns encoded for the types the table
 * really has, then the metadata columns and the load ordinal. A null is an empty unquoted field, every other value is
 * quoted, so COPY INTO tells NULL from the empty string ({@link #FORMAT_OPTIONS}). Rows whose values cannot fit their
 * column are left out and reported, like the other encoders do; VARIANT text is made acceptable to parse_json here
 * ({@link WarehouseJson}), so it cannot fail the publish.
 */
final class DatabricksChunkFile {

  /** What was written, and the rows left out of the file. */
  record Written(Path file, int rows, List<RefusedRow> rejected) {}

  /**
   * The COPY INTO format matching what this class writes (Databricks docs, "COPY INTO", CSV options): no header,
   * quotes escaped by doubling them, values may hold line breaks, any malformed line fails the statement.
   */
  static final String FORMAT_OPTIONS = "FILEFORMAT = CSV FORMAT_OPTIONS ('header' = 'false', 'escape' = '\"',"
      + " 'multiLine' = 'true', 'mode' = 'FAILFAST', 'compression' = 'gzip')";

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL_NON_NULL)
      .setRecordSeparator('\n').get();
  /** Databricks keeps microseconds (Databricks docs, "TIMESTAMP type"); the cast at COPY reads the offset. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
  /** Years 1 to 9999 (Databricks docs, "DATE type", "TIMESTAMP type"); a wider value refuses its row, not the load. */
  private static final TemporalRange RANGE = new TemporalRange("Databricks", Instant.parse("0001-01-01T00:00:00Z"),
      Instant.parse("+10000-01-01T00:00:00Z"), "years 1 to 9999", "years 1 to 9999");

  private final TableLayout<DatabricksType> layout;
  private final RunInfo run;

  DatabricksChunkFile(TableLayout<DatabricksType> layout, RunInfo run) {
    this.layout = layout;
    this.run = run;
  }

  /** Writes {@code rows} to {@code file}; the load ordinal of row i is {@code firstSeq + i}. */
  Written write(Path file, List<Row> rows, long firstSeq) throws IOException {
    List<RefusedRow> rejected = new ArrayList<>(0);
    int written = 0;
    String extractedAt = TIMESTAMP.format(run.extractedAt());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
        CSVPrinter csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
            CSV)) {
      List<String> values = new ArrayList<>(layout.columns().size() + 4);
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        values.clear();
        String reason = encode(row, values);
        if (reason != null) {
          rejected.add(new RefusedRow(i, reason));
          continue;
        }
        values.add(extractedAt);
        values.add(Long.toString(run.runId()));
        values.add(row.deleted() ? "TRUE" : "FALSE");
        values.add(Long.toString(firstSeq + i));
        csv.printRecord(values);
        written++;
      }
    }
    return new Written(file, written, rejected);
  }

  /** Appends the row's column values; returns why the row cannot be loaded, or null. */
  private String encode(Row row, List<String> out) {
    for (int c = 0; c < layout.columns().size(); c++) {
      Object v = c < row.values().length ? row.values()[c] : null;
      DatabricksType type = layout.types().get(c);
      String text;
      try {
        text = v == null ? null : text(v, type);
        if (text != null && type.kind() == DatabricksType.Kind.VARIANT) {
          text = WarehouseJson.forDatabricks(text);
        }
      } catch (IllegalArgumentException e) {
        return "column " + layout.columns().get(c) + ": " + e.getMessage();
      }
      out.add(text);
    }
    return null;
  }

  private static String text(Object v, DatabricksType type) {
    boolean number = type.kind() == DatabricksType.Kind.DECIMAL;
    if (v instanceof String s) {
      return s;
    } else if (v instanceof Long l) {
      return number ? fit(BigDecimal.valueOf(l), type) : l.toString();
    } else if (v instanceof BigDecimal d) {
      return number ? fit(d, type) : d.toPlainString();
    } else if (v instanceof Double d) {
      return d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : d.toString();
    } else if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    } else if (v instanceof LocalDate d) {
      return type.kind() == DatabricksType.Kind.TIMESTAMP
          ? TIMESTAMP.format(RANGE.check(d).atStartOfDay(ZoneOffset.UTC)) : RANGE.check(d).toString();
    } else if (v instanceof Instant t) {
      return TIMESTAMP.format(RANGE.check(t));
    }
    return v.toString();
  }

  private static String fit(BigDecimal d, DatabricksType type) {
    BigDecimal scaled;
    try {
      scaled = d.setScale(type.scale());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(d.toPlainString() + " has more than " + type.scale()
          + " decimal places for " + type.ddl());
    }
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw new IllegalArgumentException(d.toPlainString() + " does not fit " + type.ddl());
    }
    return scaled.toPlainString();
  }
}
