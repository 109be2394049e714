package io.tributary.source.salesforce;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a stream with one Bulk API 2.0 query job per (re)start, handing its rows out in pages of the engine's page
 * size while results are fetched in large pages ({@code bulk_page_size} rows per request).
 *
 * <p>Ordered (default): the job sorts by {@code (SystemModstamp, Id)}, every record carries its key as position, and a
 * restart creates a new job from the last committed key. Unordered ({@code bulk_order_by: false}, keeps Salesforce's
 * PK chunking): records carry the job's start bound, so a restart re-reads the job (merge by Id absorbs it), and the
 * watermark (the highest key seen) is reported on the final page only.
 */
final class SalesforceBulkReader implements StreamReader {

  private static final Comparator<Cursor> KEY_ORDER = Comparator
      .comparing((Cursor c) -> SalesforceCursor.modstamp(c)).thenComparing(c -> c.get(SalesforceCursor.ID));

  private final SalesforceClient client;
  private final SalesforceStreamQuery query;
  private final SalesforceStreamOptions options;
  private final int bulkPageSize;
  private final BulkPollSchedule polls;
  private BulkResultStream rows;
  private long total = -1;
  private Cursor lastReturned;
  private Cursor startBound;
  private Cursor highest;

  SalesforceBulkReader(SalesforceClient client, SalesforceStreamQuery query, int bulkPageSize,
      BulkPollSchedule polls) {
    this.client = client;
    this.polls = polls;
    this.query = query;
    this.options = query.options();
    this.bulkPageSize = bulkPageSize;
  }

  @Override
  public Page read(Cursor cursor) {
    if (rows == null || lastReturned == null || !lastReturned.equals(cursor)) {
      start(cursor);
    }
    int pageSize = Math.max(1, query.request().pageSize());
    List<SourceRecord> records = new ArrayList<>(Math.min(pageSize, 10_000));
    boolean done = false;
    while (records.size() < pageSize) {
      Map<String, Object> row = rows.next();
      if (row == null) {
        done = true;
        break;
      }
      SourceRecord r = SalesforceRecordFactory.toRecord(row);
      if (!options.bulkOrderBy()) {
        if (highest == null || KEY_ORDER.compare(r.position(), highest) > 0) {
          highest = r.position();
        }
        r = new SourceRecord(r.fields(), r.deleted(), startBound);
      }
      records.add(r);
    }
    Cursor last = records.isEmpty() ? null : records.get(records.size() - 1).position();
    if (done) {
      close();
      return Page.last(records, options.bulkOrderBy() ? last : highest).withReportedTotal(total);
    }
    Cursor next = options.bulkOrderBy() ? last : startBound;
    lastReturned = next;
    return new Page(records, next, options.bulkOrderBy() ? last : null, false, total);
  }

  private void start(Cursor cursor) {
    close();
    startBound = cursor == null ? Cursor.START : cursor;
    highest = null;
    String soql = query.soql(cursor, options.bulkOrderBy());
    BulkQueryJob job = BulkQueryJob.run(client, polls, options.object(), soql, options.includeDeleted());
    total = job.records();
    rows = new BulkResultStream(client, job.id(), bulkPageSize);
  }

  @Override
  public void close() {
    if (rows != null) {
      rows.close();
      rows = null;
    }
  }
}
