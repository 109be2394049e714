package io.tributary.core;

import java.util.Map;

/**
 * One record as a source read it.
 *
 * @param fields field name → value; nested objects may be maps, the engine flattens {@code a.b} to {@code a_b}
 * @param deleted true when the source reports this record as deleted (it becomes a soft delete in the warehouse)
 * @param position optional key-based resume point <em>after</em> this record (for example {@code updated_at} and
 *     {@code id} of this record). When present, a restart can resume exactly after it; when null the engine resumes
 *     from the last page cursor and replays the rest of that page, which merge by primary key makes harmless.
 */
public record SourceRecord(Map<String, Object> fields, boolean deleted, Cursor position) {

  public static SourceRecord of(Map<String, Object> fields) {
    return new SourceRecord(fields, false, null);
  }

  public static SourceRecord at(Map<String, Object> fields, Cursor position) {
    return new SourceRecord(fields, false, position);
  }

  public static SourceRecord deleted(Map<String, Object> fields, Cursor position) {
    return new SourceRecord(fields, true, position);
  }
}
