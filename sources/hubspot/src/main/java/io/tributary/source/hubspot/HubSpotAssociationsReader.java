package io.tributary.source.hubspot;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a link stream such as {@code deals_to_companies}: the ids of the from-object, then their links with the v4
 * association batch read, 1,000 ids a call (v4 associations guide, "Limits"). A full load lists every live
 * from-object (100 ids a call); an incremental run searches the from-objects changed in the window (200 ids a call,
 * the same adaptive windows as the object streams) and reads their current links. Per 10,000 from-objects: 100 list
 * + 10 association calls for a full load, 50 search + 10 for an incremental run (plus one more call per record with
 * more links than one result page holds). The other way, the {@code associations} parameter of the v3 list endpoint,
 * costs 100 calls per 10,000 too but returns no type ids, categories or labels, and search does not take it.
 *
 * <p>One page of this reader is one association call's worth of from-objects; its cursor is the id source's cursor
 * ({@code mode=list|search}). Links that were removed in HubSpot are not seen by an incremental run (nothing lists
 * them); a link stream that must drop them runs {@code mode: replace} (a full read each run) or a periodic
 * {@code --full-refresh}.
 */
final class HubSpotAssociationsReader implements StreamReader {


  private final HubSpotClient client;
  private final String from;
  private final String to;
  private final HubSpotReadStart start;
  private final HubSpotWindowSearch windows;

  HubSpotAssociationsReader(HubSpotClient client, ReadRequest request, HubSpotStreams link, Duration indexLag,
      Clock clock) {
    this.client = client;
    this.from = link.from();
    this.to = link.to();
    this.start = new HubSpotReadStart(request, indexLag, clock);
    this.windows = new HubSpotWindowSearch(client, from);
  }

  @Override
  public Page read(Cursor cursor) {
    Cursor c = start.from(cursor);
    List<String> ids = new ArrayList<>();
    String watermark = null;
    while (watermark == null && ids.size() + pageMax(c) <= HubSpotClient.ASSOCIATION_INPUTS) {
      if ("search".equals(c.get("mode"))) {
        HubSpotWindowSearch.Step step = windows.next(c, List.of(windows.modifiedProperty()));
        step.hits().forEach(h -> ids.add((String) h.get("id")));
        if (step.next().finished()) {
          watermark = Long.toString(step.next().end());
        } else {
          c = step.cursor();
        }
      } else {
        HubSpotPage page = client.list(from, List.of("hs_object_id"), false, c.get("after"));
        page.records().forEach(r -> ids.add((String) r.get("id")));
        Cursor catchUp = page.after() == null ? HubSpotReopen.afterList(c, start.searchEnd()) : null;
        if (page.after() != null) {
          c = c.with("after", page.after());
        } else if (catchUp != null) {
          c = catchUp;
        } else {
          watermark = c.get("start");
        }
      }
    }
    List<SourceRecord> records = links(ids);
    return watermark != null ? Page.last(records, Cursor.of(HubSpotStreamReader.WATERMARK, watermark))
        : Page.more(records, c, null);
  }

  private static int pageMax(Cursor c) {
    return "search".equals(c.get("mode")) ? HubSpotSearchBody.PAGE : HubSpotClient.LIST_LIMIT;
  }

  /** The links of at most 1,000 from-ids, following each id's own paging until every link is read. */
  private List<SourceRecord> links(List<String> ids) {
    List<SourceRecord> out = new ArrayList<>();
    Map<String, String> pending = new LinkedHashMap<>();
    ids.forEach(id -> pending.put(id, null));
    while (!pending.isEmpty()) {
      HubSpotLinkRecords page = client.associations(from, to, pending);
      page.rows().forEach(r -> out.add(SourceRecord.of(r)));
      pending.clear();
      pending.putAll(page.more());
    }
    return out;
  }
}
