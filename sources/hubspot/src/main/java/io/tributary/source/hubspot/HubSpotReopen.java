package io.tributary.source.hubspot;

import io.tributary.core.Cursor;

/**
 * How a resumed run re-opens its read, so rows changed while it was down arrive in the same run instead of the next
 * one. The engine resumes a reader with the cursor committed with the last chunk; the first call of a reader with a
 * cursor that is not the start is a resume.
 *
 * <ul>
 *   <li>{@code search}: the window's end moves to now − index lag ({@link HubSpotSearchWindow#reopened}).</li>
 *   <li>{@code list} (a full load): the list goes on from its token; when it ends, a catch-up search reads what
 *       changed since the load started, up to now − index lag, and the watermark becomes that end.</li>
 *   <li>{@code archived}: a catch-up search from the live phase's watermark, then the archived list from its start
 *       (objects archived during the downtime included).</li>
 * </ul>
 */
final class HubSpotReopen {

  static final String SEEN = "seen";
  private static final String CATCH_UP = "catch_up";

  private HubSpotReopen() {}

  static Cursor reopen(Cursor c, long newEnd) {
    return switch (c.get("mode")) {
      case "search" -> HubSpotSearchWindow.fromCursor(c).reopened(newEnd, seen(c)).toCursor().with("mode", "search");
      case "list" -> c.with(CATCH_UP, "1");
      case "archived" -> search(Long.parseLong(c.get("wm")), newEnd);
      default -> c;
    };
  }

  /** After a resumed full load's list ends: the catch-up search from its start, or null when there is none. */
  static Cursor afterList(Cursor list, long newEnd) {
    return list.get(CATCH_UP) == null ? null : search(Long.parseLong(list.get("start")), newEnd);
  }

  private static Cursor search(long from, long newEnd) {
    return HubSpotSearchWindow.start(from, Math.max(from, newEnd)).toCursor().with("mode", "search");
  }

  private static long seen(Cursor c) {
    String v = c.get(SEEN);
    return v == null ? -1 : Long.parseLong(v);
  }
}
