package io.tributary.source.marketo;

import io.tributary.core.TributaryException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits an export file into its CSV records byte by byte, so the reader knows the exact byte offset after each
 * record: that offset is the resume point of a {@code Range} request. A newline inside quotes (RFC 4180) does not end
 * a record. One record is in memory at a time.
 */
final class MarketoCsvRows {

  private final InputStream in;
  private final ByteArrayOutputStream record = new ByteArrayOutputStream(256);

  MarketoCsvRows(InputStream body) {
    this.in = new BufferedInputStream(body, 64 * 1024);
  }

  /**
   * The bytes of the next complete record, terminator included, or null when the stream ended. An unterminated tail
   * counts as a record only when it is exactly the rest of the file ({@code bytesLeftInFile}), since Marketo may end
   * the file without a newline; any other tail is a download cut short and is dropped, to be asked for again.
   *
   * @throws IOException when the connection breaks; the records returned before stay valid
   */
  byte[] next(long bytesLeftInFile) throws IOException {
    record.reset();
    boolean quoted = false;
    int b;
    while ((b = in.read()) != -1) {
      record.write(b);
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        return record.toByteArray();
      }
    }
    return record.size() > 0 && record.size() == bytesLeftInFile ? record.toByteArray() : null;
  }

  /** The values of one record; Marketo writes {@code null} for an empty field (bulk-activity-extract.md). */
  static List<String> values(byte[] record) {
    String text = new String(record, StandardCharsets.UTF_8);
    try (CSVParser p = CSVParser.builder().setReader(new StringReader(text)).setFormat(CSVFormat.RFC4180).get()) {
      List<CSVRecord> all = p.getRecords();
      if (all.size() != 1) {
        throw TributaryException.transientFailure("a Marketo export record did not parse as one CSV record", null);
      }
      List<String> out = new ArrayList<>(all.get(0).size());
      for (String v : all.get(0)) {
        out.add(v.equals("null") ? null : v);
      }
      return out;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw TributaryException.transientFailure("a Marketo export record is not valid CSV: " + e.getMessage(), e);
    }
  }
}
