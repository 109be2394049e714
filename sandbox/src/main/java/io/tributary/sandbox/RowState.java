package io.tributary.sandbox;

import java.time.Instant;

/**
 * The bookkeeping state of one sandbox row; a platform turns it into vendor fields with a pure function.
 *
 * @param object the object (table) name
 * @param index the row's index, 0-based; ids are derived from it
 * @param createdAt creation stamp
 * @param modifiedAt current modification stamp (the vendor's SystemModstamp / updated_at)
 * @param version 0 for a generated row, +1 per touch or delete; platforms mix it into the changing fields
 * @param deleted true once the row was deleted (still returned by "include deleted" reads)
 */
public record RowState(
    String object, long index, Instant createdAt, Instant modifiedAt, int version, boolean deleted) {

  public RowKey key() {
    return new RowKey(modifiedAt, index);
  }

  RowState changed(Instant at, boolean delete) {
    return new RowState(object, index, createdAt, at, version + 1, deleted || delete);
  }
}
