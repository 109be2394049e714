package io.tributary.core;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One record as a source read it. Created by a source's {@link StreamReader} on its read thread; read by the engine's
 * step thread.
 *
 * <p>{@code fields}: field name → value; nested objects may be maps, the engine flattens {@code a.b} to {@code a_b}.
 * {@code deleted}: true when the source reports this record as deleted (it becomes a soft delete in the warehouse).
 * {@code position}: optional key-based resume point <em>after</em> this record (for example {@code updated_at} and
 * {@code id} of this record). When present, a restart can resume exactly after it; when null the engine resumes from
 * the last page cursor and replays the rest of that page, which merge by primary key makes harmless.
 *
 * <p>A source that can derive the position from the record's own fields passes a shared function instead of a
 * cursor ({@link #keyed}): the engine asks for the position of only one record per chunk, so the other records never
 * pay for building one.
 */
public final class SourceRecord {

  private final Map<String, Object> fields;
  private final boolean deleted;
  private final Cursor position;
  private final Function<Map<String, Object>, Cursor> positionOf;
  private final EncodedRow encoded;

  public SourceRecord(Map<String, Object> fields, boolean deleted, Cursor position) {
    this(fields, deleted, position, null);
  }

  private SourceRecord(Map<String, Object> fields, boolean deleted, Cursor position,
      Function<Map<String, Object>, Cursor> positionOf) {
    this(fields, deleted, position, positionOf, null);
  }

  private SourceRecord(Map<String, Object> fields, boolean deleted, Cursor position,
      Function<Map<String, Object>, Cursor> positionOf, EncodedRow encoded) {
    this.fields = Objects.requireNonNull(fields, "fields");
    this.deleted = deleted;
    this.position = position;
    this.positionOf = positionOf;
    this.encoded = encoded;
  }

  public static SourceRecord of(Map<String, Object> fields) {
    return new SourceRecord(fields, false, null);
  }

  public static SourceRecord at(Map<String, Object> fields, Cursor position) {
    return new SourceRecord(fields, false, position);
  }

  public static SourceRecord deleted(Map<String, Object> fields, Cursor position) {
    return new SourceRecord(fields, true, position);
  }

  /**
   * A record whose position {@code positionOf} computes from its fields when asked; the function is shared by all
   * records of a stream and must be pure.
   */
  public static SourceRecord keyed(Map<String, Object> fields, Function<Map<String, Object>, Cursor> positionOf) {
    return new SourceRecord(fields, false, null, Objects.requireNonNull(positionOf, "positionOf"));
  }

  /**
   * A record whose values are already encoded in the {@link RowEncoding} of its {@link ReadRequest}: the engine hands
   * {@code encoded} to the sink unmapped. {@code keyFields} holds only the key fields (for the position and logs).
   */
  public static SourceRecord encoded(Map<String, Object> keyFields, EncodedRow encoded,
      Function<Map<String, Object>, Cursor> positionOf) {
    return new SourceRecord(keyFields, false, null, Objects.requireNonNull(positionOf, "positionOf"),
        Objects.requireNonNull(encoded, "encoded"));
  }

  /** The record's values in the request's {@link RowEncoding}, or null for a record of plain values. */
  public EncodedRow encoded() {
    return encoded;
  }

  public Map<String, Object> fields() {
    return fields;
  }

  public boolean deleted() {
    return deleted;
  }

  /** The resume point after this record, or null when the source gives none. */
  public Cursor position() {
    return positionOf != null ? positionOf.apply(fields) : position;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceRecord r && deleted == r.deleted && fields.equals(r.fields)
        && Objects.equals(position(), r.position());
  }

  @Override
  public int hashCode() {
    return Objects.hash(fields, deleted);
  }

  @Override
  public String toString() {
    return "SourceRecord[fields=" + fields + ", deleted=" + deleted + ", position=" + position() + "]";
  }
}
