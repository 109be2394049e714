package io.tributary.source.salesforce;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.StreamReader;

/**
 * Reads one stream with the reader {@link SalesforceApiChoice} picks on the first read (REST or Bulk API 2.0), then
 * delegates every read to it.
 */
final class SalesforceStreamReader implements StreamReader {

  private final SalesforceApiChoice choice;
  private StreamReader delegate;

  SalesforceStreamReader(SalesforceApiChoice choice) {
    this.choice = choice;
  }

  @Override
  public Page read(Cursor cursor) {
    if (delegate == null) {
      delegate = choice.readerFor(cursor);
    }
    return delegate.read(cursor);
  }

  /** "rest" or "bulk" once the first read chose, else null (tests and the run log). */
  String chosenApi() {
    return delegate == null ? null : delegate instanceof SalesforceBulkReader ? "bulk" : "rest";
  }

  @Override
  public void close() {
    if (delegate != null) {
      delegate.close();
    }
  }
}
