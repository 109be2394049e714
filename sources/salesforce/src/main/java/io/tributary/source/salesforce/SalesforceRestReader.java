package io.tributary.source.salesforce;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a stream with REST {@code query}/{@code queryAll} in {@code (SystemModstamp, Id)} order. Within a run it
 * follows the relative {@code nextRecordsUrl}; the cursor it returns is always the last record's key, so a new process
 * re-issues the keyset query instead of reusing a query locator that has expired.
 */
final class SalesforceRestReader implements StreamReader {

  private static final int MIN_BATCH = 200;
  private static final int MAX_BATCH = 2000;

  private final SalesforceClient client;
  private final SalesforceStreamQuery query;
  private final int batchSize;
  private Cursor lastReturned;
  private String nextRecordsUrl;

  SalesforceRestReader(SalesforceClient client, SalesforceStreamQuery query) {
    this.client = client;
    this.query = query;
    // Sforce-Query-Options batchSize accepts 200..2000 (REST API guide, "Query Options Header").
    this.batchSize = Math.max(MIN_BATCH, Math.min(MAX_BATCH, query.request().pageSize()));
  }

  @Override
  public Page read(Cursor cursor) {
    SoqlQueryPage batch;
    if (nextRecordsUrl != null && cursor != null && cursor.equals(lastReturned)) {
      batch = client.queryMore(nextRecordsUrl, batchSize);
    } else {
      batch = client.query(query.soql(cursor, true), query.options().includeDeleted(), batchSize);
    }
    List<SourceRecord> records = new ArrayList<>(batch.records().size());
    for (Map<String, Object> r : batch.records()) {
      records.add(SalesforceRecordFactory.toRecord(r));
    }
    Cursor last = records.isEmpty() ? null : records.get(records.size() - 1).position();
    if (batch.done()) {
      nextRecordsUrl = null;
      return Page.last(records, last).withReportedTotal(batch.totalSize());
    }
    Cursor next = last != null ? last : cursor;
    lastReturned = next;
    nextRecordsUrl = batch.nextRecordsUrl();
    return new Page(records, next, last, false, batch.totalSize());
  }
}
