package io.tributary.source.netsuite;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one stream. A full read (no cursor field) goes in key order; an incremental-capable stream goes in
 * (modified, key) order and reports that as its watermark. Every page is a new query from the last record read
 * (key above it, or (modified, key) above it) at offset 0, never an offset into an earlier query: a row read
 * earlier and then modified moves to the end of the (modified, key) order, and a deleted one leaves a gap, so an
 * offset into the changed result would skip a row at each later page. Starting at offset 0 also keeps every query
 * under SuiteQL's 100,000-result cap. The cursor holds only the last record's key (and modified stamp).
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
    SuiteQlPage page = client.query(queryFrom(cursor), limit, 0);
    List<SourceRecord> records = new ArrayList<>(page.items().size());
    Cursor last = null;
    for (Map<String, Object> item : page.items()) {
      Map<String, Object> fields = values.fields(item);
      last = position(fields, last);
      records.add(SourceRecord.at(fields, last));
    }
    Cursor watermark = byModified ? last : null;
    long total = cursor.isStart() ? page.totalResults() : -1;
    if (!page.hasMore() || records.isEmpty()) {
      return Page.last(records, watermark).withReportedTotal(total);
    }
    if (!advances(cursor, last)) {
      // A page that does not move the keyset would be asked for again and again: stop instead of looping.
      throw new TributaryException(TributaryException.Kind.INTERNAL, "NetSuite stream " + stream.name()
          + ": a page of " + records.size() + " rows after " + cursor.values() + " ends at "
          + (last == null ? "no readable key" : last.values()) + ", not after it",
          "check that " + stream.key() + " holds unique integers" + (byModified ? " and " + stream.modified()
          + " datetimes (local times repeated in the autumn DST overlap can also cause this)" : ""), null);
    }
    // Only the first page counts the whole stream; later pages' queries count what is left.
    return Page.more(records, last, watermark).withReportedTotal(total);
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

  /** True when {@code to} lies strictly after {@code from} in this stream's read order. */
  private boolean advances(Cursor from, Cursor to) {
    if (to == null) {
      return false;
    }
    if (from.isStart()) {
      return true;
    }
    int byKey = Long.compare(Long.parseLong(to.get(KEY)), Long.parseLong(from.get(KEY)));
    if (!byModified) {
      return byKey > 0;
    }
    int byStamp = Instant.parse(to.get(MODIFIED)).compareTo(Instant.parse(from.get(MODIFIED)));
    return byStamp > 0 || (byStamp == 0 && byKey > 0);
  }
}
