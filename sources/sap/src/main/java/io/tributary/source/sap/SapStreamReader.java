package io.tributary.source.sap;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one entity set in (change field, key...) order, one request per page, each a fresh query strictly after the
 * (timestamp, key) of the last record read with {@code $top}. The server's {@code __next} / {@code @odata.nextLink}
 * is never followed: on Gateway its {@code $skiptoken} is usually an offset into the result, so a row changed or
 * deleted between pages shifts the rest and one row would be skipped for good (docs/sources/sap.md). A next link
 * only tells that a page the server cut short below {@code $top} is not the last. Every cursor, page cursor and
 * record position alike, is that (timestamp, key) position. The watermark is the position of the last record of
 * each page (the read is in change order), or none for a key-ordered full read without a change field.
 */
final class SapStreamReader implements StreamReader {

  private final SapClient client;
  private final SapStream stream;
  private final SapEntitySet set;
  private final ReadRequest request;
  private final List<String> order;
  private final SapFilter filter;
  private boolean counted;

  SapStreamReader(SapClient client, SapStream stream, SapEntitySet set, ReadRequest request) {
    this.client = client;
    this.stream = stream;
    this.set = set;
    this.request = request;
    List<String> o = new ArrayList<>();
    if (stream.changeField() != null) {
      o.add(stream.changeField());
    }
    o.addAll(set.keys());
    this.order = List.copyOf(o);
    this.filter = new SapFilter(client.version(), set, order);
  }

  @Override
  public Page read(Cursor cursor) {
    boolean count = !counted;
    SapPage page = client.page(stream.service(), stream.entitySet(), query(cursor, count), request.pageSize());
    counted = true;
    List<SourceRecord> records = new ArrayList<>(page.rows().size());
    Cursor position = cursor;
    for (Map<String, Object> raw : page.rows()) {
      Map<String, Object> fields = SapValues.convert(raw, set);
      position = positionOf(fields, position);
      records.add(SourceRecord.at(fields, position.isStart() ? null : position));
    }
    Cursor watermark = stream.changeField() != null && !position.isStart() && !records.isEmpty() ? position : null;
    long total = count ? page.count() : -1;
    // A page below $top without a next link is the last; a full one, or one the server cut short, may not be.
    if (records.isEmpty() || (records.size() < request.pageSize() && page.next() == null)) {
      return new Page(records, null, watermark, true, total);
    }
    if (position.equals(cursor)) {
      throw TributaryException.config("SAP " + stream.entitySet() + ": a whole page of " + records.size()
          + " rows has no usable " + stream.changeField() + ", so the read cannot resume after it",
          "set the stream's change_field to a timestamp that is never null, or read it without one");
    }
    return new Page(records, position, watermark, false, total);
  }

  /** The keyset query after {@code cursor}, with the inline count only when {@code count}. */
  private Map<String, String> query(Cursor cursor, boolean count) {
    Map<String, String> q = new LinkedHashMap<>();
    String where = null;
    if (!cursor.isStart()) {
      where = filter.after(cursor.values());
    } else if (stream.changeField() != null && request.incremental()) {
      Cursor wm = request.watermark();
      String ts = wm.get(stream.changeField());
      if (ts != null && !request.lookback().isZero()) {
        where = filter.atOrAfter(stream.changeField(), minus(ts));
      } else if (ts != null && wm.values().keySet().containsAll(order)) {
        where = filter.after(wm.values());
      } else if (ts != null) {
        where = filter.atOrAfter(stream.changeField(), ts);
      }
    }
    if (where != null) {
      q.put("$filter", where);
    }
    q.put("$orderby", filter.orderBy());
    q.put("$top", Integer.toString(request.pageSize()));
    boolean v2 = client.version() == SapODataVersion.V2;
    if (count) {
      q.put(v2 ? "$inlinecount" : "$count", v2 ? "allpages" : "true");
    }
    if (v2) {
      q.put("$format", "json");
    }
    return q;
  }

  private String minus(String ts) {
    if (ts.length() == 10) {
      return LocalDate.parse(ts).minusDays(Math.max(1, request.lookback().toDays())).toString();
    }
    return Instant.parse(ts).minus(request.lookback()).toString();
  }

  /** The record's (change field, key...) as cursor strings; the previous position if any of them is missing. */
  private Cursor positionOf(Map<String, Object> fields, Cursor previous) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String f : order) {
      Object v = fields.get(f);
      if (v == null || (f.equals(stream.changeField()) && !(v instanceof Instant || v instanceof LocalDate))) {
        return previous;
      }
      values.put(f, v.toString());
    }
    return new Cursor(values);
  }
}
