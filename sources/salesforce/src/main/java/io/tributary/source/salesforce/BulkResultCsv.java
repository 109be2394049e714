package io.tributary.source.salesforce;

import io.tributary.core.FieldNames;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of one Bulk API 2.0 query results page (CSV with a quoted header row; relationship columns like
 * {@code Owner.Name}). An empty cell becomes null: Bulk CSV cannot tell an empty string from null, and Salesforce
 * stores empty text as null. One row is in memory at a time.
 */
public final class BulkResultCsv implements Iterator<Map<String, Object>>, AutoCloseable {

  /** The header value Salesforce sends on the last page instead of a locator. */
  public static final String LAST_PAGE_LOCATOR = "null";

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

  private final CSVParser parser;
  private final Iterator<CSVRecord> rows;
  private final List<String> header;
  private final FieldNames names;

  private BulkResultCsv(Reader body) throws IOException {
    this.parser = CSVParser.builder().setReader(body).setFormat(FORMAT).get();
    this.rows = parser.iterator();
    this.header = parser.getHeaderNames();
    this.names = new FieldNames(header);
  }

  /** Opens a results body. The caller closes it (which closes the reader). */
  public static BulkResultCsv open(Reader body) {
    try {
      return new BulkResultCsv(body);
    } catch (IOException | UncheckedIOException e) {
      throw TributaryException.transientFailure("Salesforce Bulk results could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * The locator of the next page from a {@code Sforce-Locator} header, or null when this was the last page (the
   * header holds the literal string {@code null}) or the header is missing.
   */
  public static String nextLocator(String sforceLocatorHeader) {
    if (sforceLocatorHeader == null || sforceLocatorHeader.isBlank()
        || sforceLocatorHeader.trim().equals(LAST_PAGE_LOCATOR)) {
      return null;
    }
    return sforceLocatorHeader.trim();
  }

  /** Column names in the order of the file. */
  public List<String> header() {
    return header;
  }

  @Override
  public boolean hasNext() {
    try {
      return rows.hasNext();
    } catch (UncheckedIOException e) {
      throw TributaryException.transientFailure("Salesforce Bulk results broke off: " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, Object> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CSVRecord r = rows.next();
    if (r.size() != header.size()) {
      throw TributaryException.transientFailure("Salesforce Bulk results row " + r.getRecordNumber() + " has "
          + r.size() + " columns, the header has " + header.size() + " (truncated page?)", null);
    }
    Object[] values = new Object[names.size()];
    for (int i = 0; i < values.length; i++) {
      String v = r.get(i);
      values[i] = v.isEmpty() ? null : v;
    }
    return names.record(values);
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // Closing a response stream that already failed tells us nothing new.
    }
  }
}
