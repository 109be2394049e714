package io.tributary.core;

/**
 * One mapped, validated row on its way to a sink. {@code values} is aligned with the columns of the
 * {@link TableSpec#schema()} (Java types as documented on {@link ColumnType}); it is an array, not a map, so sinks can
 * bulk-load without a lookup per value.
 *
 * <p>A row passed through in the sink's own encoding ({@link RowEncoding}) has {@code encoded} bytes and no
 * {@code values}; the engine makes such rows only for a writer that offered the encoding.
 */
public record Row(Object[] values, boolean deleted, EncodedRow encoded) {

  public Row(Object[] values, boolean deleted) {
    this(values, deleted, null);
  }

  /** A row the source encoded for the sink; never deleted (a source reports deletes with values). */
  public static Row encoded(EncodedRow encoded) {
    return new Row(null, false, java.util.Objects.requireNonNull(encoded, "encoded"));
  }
}
