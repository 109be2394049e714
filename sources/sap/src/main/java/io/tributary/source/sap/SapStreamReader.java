package io.tributary.source.sap;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one entity set in (change field, key...) order with server-driven paging. Every cursor, page cursor and
 * record position alike, is the (timestamp, key) of the last record read; the server's {@code __next} /
 * {@code @odata.nextLink} is followed only while this reader is the one that received it, and never stored: a
 * restart or the next run re-queries with a {@code $filter} strictly after the saved position, so an expired
 * {@code $skiptoken} can never break a resume. The watermark is the position of the last record of each page (the
 * read is in change order), or none for a key-ordered full read without a change field.
 */
final class SapStreamReader implements StreamReader {

  private final SapClient client;
  private final SapStream stream;
  private final SapEntitySet set;
  private final ReadRequest request;
  private final List<String> order;
  private final SapFilter filter;
  private Cursor linkFor;
  private String link;

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
    SapPage page = link != null && cursor.equals(linkFor) ? client.next(stream.service(), link)
        : client.first(stream.service(), stream.entitySet(), query(cursor), request.pageSize());
    List<SourceRecord> records = new ArrayList<>(page.rows().size());
    Cursor position = cursor;
    for (Map<String, Object> raw : page.rows()) {
      Map<String, Object> fields = SapValues.convert(raw, set);
      position = positionOf(fields, position);
      records.add(SourceRecord.at(fields, position.isStart() ? null : position));
    }
    Cursor watermark = stream.changeField() != null && !position.isStart() && !records.isEmpty() ? position : null;
    if (page.next() == null) {
      link = null;
      return new Page(records, null, watermark, true, page.count());
    }
    link = page.next();
    linkFor = position;
    return new Page(records, position, watermark, false, page.count());
  }

  private Map<String, String> query(Cursor cursor) {
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
    if (client.version() == SapODataVersion.V2) {
      q.put("$inlinecount", "allpages");
      q.put("$format", "json");
    } else {
      q.put("$count", "true");
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
