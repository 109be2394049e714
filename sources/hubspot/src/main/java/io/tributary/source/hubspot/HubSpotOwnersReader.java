package io.tributary.source.hubspot;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code owners} stream: every run lists every live owner, then (with {@code include_archived}) the
 * archived, i.e. deactivated, owners as soft deletes. Owners have no search API, and filtering the list on
 * {@code updatedAt} would lose changes: the Owners guide says {@code updatedAt} moves only for changes to the owner
 * object, not to its user, and team membership changes are not stamped either. A portal has few owners (one call per
 * 500), so a full read each run is cheap and exact. The cursor is {@code mode=live|archived} plus the {@code after}
 * token; the watermark ({@code since_ms}, the run's start) is informational.
 */
record HubSpotOwnersReader(HubSpotClient client, boolean includeArchived, Clock clock) implements StreamReader {

  @Override
  public Page read(Cursor cursor) {
    Cursor c = cursor.isStart() ? Cursor.of("mode", "live", "start", Long.toString(clock.millis())) : cursor;
    if ("archived".equals(c.get("mode"))) {
      return archived(c, List.of());
    }
    HubSpotPage page = client.owners(false, c.get("after"));
    List<SourceRecord> records = new ArrayList<>();
    page.records().forEach(r -> records.add(SourceRecord.of(r)));
    if (page.after() != null) {
      return Page.more(records, c.with("after", page.after()), null);
    }
    if (!includeArchived) {
      return Page.last(records, Cursor.of(HubSpotStreamReader.WATERMARK, c.get("start")));
    }
    // The first archived page joins the last live one, so an empty portal is one done page.
    return archived(Cursor.of("mode", "archived", "start", c.get("start")), records);
  }

  private Page archived(Cursor c, List<SourceRecord> before) {
    HubSpotPage page = client.owners(true, c.get("after"));
    List<SourceRecord> records = new ArrayList<>(before);
    for (Map<String, Object> r : page.records()) {
      records.add(SourceRecord.deleted(r, null));
    }
    if (page.after() != null) {
      return Page.more(records, c.with("after", page.after()), null);
    }
    return Page.last(records, Cursor.of(HubSpotStreamReader.WATERMARK, c.get("start")));
  }
}
