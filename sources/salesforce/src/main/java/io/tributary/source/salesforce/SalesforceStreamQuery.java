package io.tributary.source.salesforce;

import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import java.util.List;

/**
 * What one stream's read queries, the same for the REST and the Bulk API 2.0 reader: the object and its selected
 * fields, from the lower bound of a cursor (or of the run's watermark).
 */
record SalesforceStreamQuery(ReadRequest request, SalesforceStreamOptions options, List<String> fields) {

  /** The SOQL reading from {@code cursor}'s bound, in key order when {@code ordered}. */
  String soql(Cursor cursor, boolean ordered) {
    return SalesforceSoql.select(fields, options.object(), SalesforceCursor.lowerBound(cursor, request), ordered);
  }
}
