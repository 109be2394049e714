package io.tributary.source.marketo;

import io.tributary.core.TributaryException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

  /** Reads and drops the rest of the body. */
  void drain() throws IOException {
    in.transferTo(java.io.OutputStream.nullOutputStream());
  }

  /**
   * The values of one record (RFC 4180: quoted values may hold commas, newlines and doubled quotes); Marketo writes
   * {@code null} for an empty field (bulk-activity-extract.md).
   */
  static List<String> values(byte[] record) {
    String text = new String(record, StandardCharsets.UTF_8);
    int n = text.length();
    while (n > 0 && (text.charAt(n - 1) == '\n' || text.charAt(n - 1) == '\r')) {
      n--;
    }
    List<String> out = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
          value.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          value.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        out.add(value(value, wasQuoted));
        value.setLength(0);
        wasQuoted = false;
      } else {
        value.append(c);
      }
    }
    if (quoted) {
      throw TributaryException.transientFailure("a Marketo export record ends inside quotes (a cut file?)", null);
    }
    out.add(value(value, wasQuoted));
    return out;
  }

  private static String value(StringBuilder value, boolean quoted) {
    String v = value.toString();
    return !quoted && v.equals("null") ? null : v;
  }
}
