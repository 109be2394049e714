package io.tributary.source.hubspot;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Runs one search query of an incremental window: narrows the window while its {@code total} exceeds the 10,000
 * results a query can page (CRM search guide, "Limits"), then reads one page of 200.
 */
final class HubSpotWindowSearch {

  /** Search pages past 10,000 results answer 400, so a query must match at most this many. */
  static final long MAX_RESULTS = 10_000;

  /**
   * One page of hits and where the window goes next.
   *
   * @param hits the page's objects
   * @param next the window after this page
   * @param seen the latest modification stamp on the page (epoch ms), or -1; cursors keep it for a resume
   */
  record Step(List<Map<String, Object>> hits, HubSpotSearchWindow next, long seen) {}

  private final HubSpotClient client;
  private final String object;
  private final String modified;

  HubSpotWindowSearch(HubSpotClient client, String object) {
    this.client = client;
    this.object = object;
    this.modified = HubSpotObjects.modifiedProperty(object);
  }

  String modifiedProperty() {
    return modified;
  }

  Step next(HubSpotSearchWindow window, List<String> properties) {
    HubSpotSearchWindow w = window;
    while (!w.finished()) {
      HubSpotPage page = client.search(object, HubSpotSearchBody.build(client.json(), modified, w, properties));
      if (w.after() == null && page.total() > MAX_RESULTS) {
        w = w.narrow();
        continue;
      }
      HubSpotSearchWindow next = page.after() != null ? w.withAfter(page.after()) : w.advance();
      return new Step(page.records(), next, latest(page.records()));
    }
    return new Step(List.of(), w, -1);
  }

  /** The modification stamp of the newest hit: its stamp property when requested, else its {@code updatedAt}. */
  private long latest(List<Map<String, Object>> hits) {
    long max = -1;
    for (Map<String, Object> h : hits) {
      Object v = h.get(modified) != null ? h.get(modified) : h.get("updatedAt");
      if (v != null) {
        try {
          max = Math.max(max, Instant.parse(v.toString()).toEpochMilli());
        } catch (DateTimeParseException e) {
          // A malformed stamp only costs a wider re-read on resume; the record itself goes to quarantine.
        }
      }
    }
    return max;
  }
}
