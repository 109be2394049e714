package io.tributary.source.hubspot;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one HubSpot object. A first run lists every live object ({@code after} paging), an incremental run searches
 * the changes since the watermark in adaptive windows ({@link HubSpotSearchWindow}); both then list the archived
 * objects as soft deletes. The cursor says which phase is running: {@code mode=list|search|archived} plus that
 * phase's keys (an {@code after} token, or the window and the stamp last seen in it). The watermark
 * ({@code since_ms}) is emitted on the final page: the run's start for a full load, the search's end for an
 * incremental one. A resumed run re-opens its read first ({@link HubSpotReopen}).
 */
final class HubSpotStreamReader implements StreamReader {

  static final String WATERMARK = "since_ms";

  private final HubSpotClient client;
  private final String object;
  private final String modified;
  private final List<String> properties;
  private final boolean includeArchived;
  private final HubSpotReadStart start;
  private final boolean searchByIdOnly;
  private final HubSpotWindowSearch windows;

  HubSpotStreamReader(HubSpotClient client, ReadRequest request, List<String> properties, boolean includeArchived,
      Duration indexLag, Clock clock) {
    this.client = client;
    this.object = request.stream();
    this.modified = HubSpotObjects.modifiedProperty(object);
    this.properties = properties;
    this.includeArchived = includeArchived;
    this.start = new HubSpotReadStart(request, indexLag, clock);
    this.searchByIdOnly = HubSpotSearchBody.tooLong(client.json(), modified, properties);
    this.windows = new HubSpotWindowSearch(client, object);
  }

  @Override
  public Page read(Cursor cursor) {
    Cursor c = start.from(cursor);
    return switch (c.get("mode")) {
      case "list" -> list(c);
      case "search" -> search(c);
      case "archived" -> archived(c);
      default -> throw new IllegalArgumentException("not a HubSpot cursor: " + c.values().keySet());
    };
  }

  private Page list(Cursor c) {
    HubSpotPage page = client.list(object, properties, false, c.get("after"));
    List<SourceRecord> records = live(page.records());
    if (page.after() != null) {
      return Page.more(records, c.with("after", page.after()), null);
    }
    Cursor catchUp = HubSpotReopen.afterList(c, start.searchEnd());
    return catchUp != null ? Page.more(records, catchUp, null) : finishPhase(records, c.get("start"));
  }

  private Page search(Cursor c) {
    List<String> props = searchByIdOnly ? List.of(modified) : properties;
    HubSpotWindowSearch.Step step = windows.next(c, props);
    List<SourceRecord> records = live(searchByIdOnly ? batchRead(step.hits()) : step.hits());
    if (step.next().finished()) {
      return finishPhase(records, Long.toString(step.next().end()));
    }
    return Page.more(records, step.cursor(), null);
  }

  private List<Map<String, Object>> batchRead(List<Map<String, Object>> hits) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < hits.size(); i += HubSpotClient.BATCH_LIMIT) {
      List<String> ids = hits.subList(i, Math.min(hits.size(), i + HubSpotClient.BATCH_LIMIT)).stream()
          .map(r -> (String) r.get("id")).toList();
      out.addAll(client.batchRead(object, ids, properties).records());
    }
    return out;
  }

  private Page archived(Cursor c) {
    HubSpotPage page = client.list(object, properties, true, c.get("after"));
    List<SourceRecord> records = new ArrayList<>();
    page.records().forEach(r -> records.add(SourceRecord.deleted(r, null)));
    if (page.after() != null) {
      return Page.more(records, c.with("after", page.after()), null);
    }
    return Page.last(records, Cursor.of(WATERMARK, c.get("wm")));
  }

  /**
   * Live objects are done: read the first archived page into this one (so an empty object is one done page), or
   * end here with the watermark.
   */
  private Page finishPhase(List<SourceRecord> records, String watermark) {
    if (!includeArchived) {
      return Page.last(records, Cursor.of(WATERMARK, watermark));
    }
    Page archived = archived(Cursor.of("mode", "archived", "wm", watermark));
    List<SourceRecord> all = new ArrayList<>(records);
    all.addAll(archived.records());
    return new Page(all, archived.next(), archived.watermark(), archived.done(), -1);
  }

  private static List<SourceRecord> live(List<Map<String, Object>> rows) {
    List<SourceRecord> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(SourceRecord.of(r)));
    return out;
  }
}
