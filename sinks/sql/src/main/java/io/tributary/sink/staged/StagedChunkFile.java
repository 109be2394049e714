package io.tributary.sink.staged;

import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.sink.RefusedRow;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.staged.StagedType.Family;
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
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes one chunk as a gzip CSV file for the stage: the stream columns encoded for the types the table really has,
 * then the metadata columns and the load ordinal, then {@code extraColumns} empty fields (a warehouse's control
 * column). A null is an empty unquoted field and every other value is quoted, so the warehouse's COPY tells NULL from
 * the empty string. Rows whose values cannot fit their column are left out and reported, like the PostgreSQL encoder
 * does; JSON text is made acceptable to the warehouse's parser here, so it cannot fail the publish. Used by the step
 * thread of one table writer.
 */
public final class StagedChunkFile {

  /** What was written, and the rows left out of the file. */
  public record Written(Path file, int rows, List<RefusedRow> rejected) {}

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL_NON_NULL)
      .setRecordSeparator('\n').get();

  private final TableLayout<StagedType> layout;
  private final RunInfo run;
  private final ChunkFormat format;
  private final int extraColumns;

  public StagedChunkFile(TableLayout<StagedType> layout, RunInfo run, ChunkFormat format, int extraColumns) {
    this.layout = layout;
    this.run = run;
    this.format = format;
    this.extraColumns = extraColumns;
  }

  /** Writes {@code rows} to {@code file}; the load ordinal of row i is {@code firstSeq + i}. */
  public Written write(Path file, List<Row> rows, long firstSeq) throws IOException {
    List<RefusedRow> rejected = new ArrayList<>(0);
    int written = 0;
    try (CSVPrinter csv = open(file)) {
      List<String> values = new ArrayList<>(layout.columns().size() + 4 + extraColumns);
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        values.clear();
        String reason = encode(row, values);
        if (reason != null) {
          rejected.add(new RefusedRow(i, reason));
          continue;
        }
        csv.printRecord(metadata(values, row.deleted(), firstSeq + i));
        written++;
      }
    }
    return new Written(file, written, rejected);
  }

  /**
   * Writes control rows: every stream column empty, the metadata of this run, the load ordinal {@code firstSeq + i}
   * and {@code controls.get(i)} in the last extra column. Only for a layout with an extra column.
   */
  public void writeControl(Path file, List<String> controls, long firstSeq) throws IOException {
    try (CSVPrinter csv = open(file)) {
      for (int i = 0; i < controls.size(); i++) {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < layout.columns().size(); c++) {
          values.add(null);
        }
        metadata(values, false, firstSeq + i);
        values.set(values.size() - 1, controls.get(i));
        csv.printRecord(values);
      }
    }
  }

  private CSVPrinter open(Path file) throws IOException {
    OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
    return new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), CSV);
  }

  private List<String> metadata(List<String> values, boolean deleted, long seq) {
    values.add(format.timestamp().format(run.extractedAt()));
    values.add(Long.toString(run.runId()));
    values.add(deleted ? "TRUE" : "FALSE");
    values.add(Long.toString(seq));
    for (int i = 0; i < extraColumns; i++) {
      values.add(null);
    }
    return values;
  }

  /** Appends the row's column values; returns why the row cannot be loaded, or null. */
  private String encode(Row row, List<String> out) {
    for (int c = 0; c < layout.columns().size(); c++) {
      Object v = c < row.values().length ? row.values()[c] : null;
      StagedType type = layout.types().get(c);
      String text;
      try {
        text = v == null ? null : text(v, type);
        if (text != null && type.family() == Family.JSON) {
          text = format.json().apply(text);
        }
      } catch (IllegalArgumentException e) {
        return "column " + layout.columns().get(c) + ": " + e.getMessage();
      }
      out.add(text);
    }
    return null;
  }

  private String text(Object v, StagedType type) {
    boolean decimal = type.family() == Family.DECIMAL;
    if (v instanceof String s) {
      return checkedText(s);
    } else if (v instanceof Long l) {
      return decimal ? fit(BigDecimal.valueOf(l), type) : l.toString();
    } else if (v instanceof BigDecimal d) {
      return decimal ? fit(d, type) : d.toPlainString();
    } else if (v instanceof Double d) {
      return d.isNaN() ? format.nan() : d.isInfinite() ? (d > 0 ? format.infinity() : format.negativeInfinity())
          : d.toString();
    } else if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    } else if (v instanceof LocalDate d) {
      return type.family() == Family.TIMESTAMP
          ? format.timestamp().format(format.range().check(d).atStartOfDay(ZoneOffset.UTC))
          : format.range().check(d).toString();
    } else if (v instanceof Instant t) {
      return format.timestamp().format(format.range().check(t));
    }
    return checkedText(v.toString());
  }

  private static String fit(BigDecimal d, StagedType type) {
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

  private String checkedText(String s) {
    if (s.length() > format.maxTextBytes() / 4 && s.getBytes(StandardCharsets.UTF_8).length > format.maxTextBytes()) {
      throw new IllegalArgumentException("text longer than " + format.textLimit());
    }
    return s;
  }
}
