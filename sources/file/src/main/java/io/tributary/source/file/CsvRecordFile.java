package io.tributary.source.file;

import io.tributary.core.FieldNames;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row, RFC 4180 quoting (quoted values may hold delimiters, quotes and newlines). Values are
 * strings, an empty value is null; the engine's mapping coerces types. A record whose value count differs from the
 * header's becomes a {@code _raw}/{@code _error} record.
 */
final class CsvRecordFile implements RecordFile {

  private final String name;
  private final CSVFormat rawFormat;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  /** The header as a shared name table: a good record is one array over it, not a map of its own. */
  private final FieldNames names;
  private long count;

  CsvRecordFile(String name, Reader reader, char delimiter) {
    this.name = name;
    this.rawFormat = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    CSVFormat format = rawFormat.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
    try {
      this.parser = format.parse(reader);
      this.header = parser.getHeaderNames();
      this.names = new FieldNames(header);
      this.records = parser.iterator();
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      RecordFile.closeQuietly(reader);
      throw RecordFile.unreadable(name, 1, "its header row cannot be read: " + why(e),
          "the first row must name each column once; check options.delimiter and options.encoding");
    }
  }

  @Override
  public Map<String, Object> next() {
    CSVRecord record;
    try {
      if (!records.hasNext()) {
        return null;
      }
      record = records.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw RecordFile.unreadable(name, parser.getCurrentLineNumber(), why(e),
          "fix the file (an unbalanced quote swallows the rest of it) or check options.encoding and delimiter");
    }
    count++;
    if (record.size() != header.size()) {
      Map<String, Object> fields = new LinkedHashMap<>(4);
      fields.put(RAW, rawFormat.format((Object[]) record.values()));
      fields.put(ERROR, "file " + name + " record " + count + " (line " + parser.getCurrentLineNumber()
          + "): expected " + header.size() + " values, found " + record.size());
      return fields;
    }
    Object[] values = new Object[header.size()];
    for (int i = 0; i < values.length; i++) {
      String value = record.get(i);
      values[i] = value.isEmpty() ? null : value;
    }
    return names.record(values);
  }

  /** Column names from the header row, in file order. */
  List<String> header() {
    return header;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public void close() {
    RecordFile.closeQuietly(parser);
  }

  private static String why(Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (cause instanceof CharacterCodingException) {
      return "it is not valid in the configured encoding";
    }
    return String.valueOf(cause.getMessage());
  }
}
