package io.tributary.source.netsuite;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one stream. A full read (no cursor field) goes in key order; an incremental-capable stream goes in
 * (modified, key) order and reports that as its watermark. Pages come by offset within one query, and since SuiteQL
 * stops a query at 100,000 results, the reader starts a new query from the last record read (key above it, offset
 * 0) before the cap. The cursor holds only that last record's key (and modified stamp): the offset is a shortcut
 * kept in memory while the caller continues from the cursor this reader returned.
 */
final class NetSuiteStreamReader implements StreamReader {

  static final String KEY = "key";
  static final String MODIFIED = "modified";

  private final NetSuiteClient client;
  private final NetSuiteStream stream;
  private final SuiteQlStatement statement;
  private final NetSuiteValues values;
  private final ReadRequest request;
  private final boolean byModified;
  private final int limit;
  private Cursor returned;
  private String segmentQuery;
  private long nextOffset;

  NetSuiteStreamReader(NetSuiteClient client, NetSuiteStream stream, java.time.ZoneId zone, ReadRequest request) {
    this.client = client;
    this.stream = stream;
    this.statement = new SuiteQlStatement(stream, zone);
    this.values = new NetSuiteValues(stream, zone);
    this.request = request;
    this.byModified = !request.cursorFields().isEmpty();
    this.limit = Math.max(1, Math.min(NetSuiteClient.MAX_LIMIT, request.pageSize() <= 0 ? 1000 : request.pageSize()));
  }

  @Override
  public Page read(Cursor cursor) {
    boolean continues = segmentQuery != null && cursor.equals(returned)
        && nextOffset + limit <= NetSuiteClient.MAX_RESULTS;
    if (!continues) {
      segmentQuery = queryFrom(cursor);
      nextOffset = 0;
    }
    SuiteQlPage page = client.query(segmentQuery, limit, nextOffset);
    nextOffset += limit;
    List<SourceRecord> records = new ArrayList<>(page.items().size());
    Cursor last = null;
    for (Map<String, Object> item : page.items()) {
      Map<String, Object> fields = values.fields(item);
      last = position(fields, last);
      records.add(SourceRecord.at(fields, last));
    }
    Cursor watermark = byModified ? last : null;
    if (!page.hasMore() || records.isEmpty()) {
      segmentQuery = null;
      return Page.last(records, watermark).withReportedTotal(cursor.isStart() ? page.totalResults() : -1);
    }
    returned = last;
    Page out = Page.more(records, last, watermark);
    // Only the first query counts the whole stream; later segments count what is left.
    return cursor.isStart() ? out.withReportedTotal(page.totalResults()) : out;
  }

  private String queryFrom(Cursor cursor) {
    Long key = cursor.get(KEY) == null ? null : Long.valueOf(cursor.get(KEY));
    if (!byModified) {
      return statement.byKey(key);
    }
    if (!cursor.isStart()) {
      return statement.byModified(Instant.parse(cursor.get(MODIFIED)), key);
    }
    Cursor wm = request.watermark();
    if (wm == null || wm.isStart() || wm.get(MODIFIED) == null) {
      return statement.byModified(null, null);
    }
    Instant since = Instant.parse(wm.get(MODIFIED));
    if (request.lookback() != null && !request.lookback().isZero()) {
      return statement.byModified(since.minus(request.lookback()), null);
    }
    return statement.byModified(since, wm.get(KEY) == null ? null : Long.valueOf(wm.get(KEY)));
  }

  /** The resume point after this record; a record whose key or stamp did not parse keeps the previous one. */
  private Cursor position(Map<String, Object> fields, Cursor previous) {
    Object key = fields.get(stream.key());
    if (!(key instanceof Long k)) {
      return previous;
    }
    if (!byModified) {
      return Cursor.of(KEY, Long.toString(k));
    }
    Object m = fields.get(stream.modified());
    if (!(m instanceof Instant at)) {
      return previous;
    }
    return Cursor.of(MODIFIED, at.toString(), KEY, Long.toString(k));
  }
}
