package io.tributary.sandbox.sap;

import io.tributary.sandbox.LookaheadIterator;
import io.tributary.sandbox.RowKey;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rows of one entity set in a served order, after an opaque {@code $skiptoken} position, filtered by a
 * predicate. The skiptoken names the last row served (its index, and its stamp in change order), so rows changed
 * between pages are neither skipped nor served twice within a read.
 */
final class SapCollection extends LookaheadIterator<SapCollection.Entry> {

  /** A row and its typed values. */
  record Entry(RowState row, Map<String, Object> values) {}

  private final SandboxDataset dataset;
  private final SapEntity entity;
  private final Predicate<Map<String, Object>> filter;
  private final Iterator<RowState> rows;

  SapCollection(SandboxDataset dataset, SapEntity entity, SapOrder order, String skiptoken,
      Predicate<Map<String, Object>> filter) {
    this.dataset = dataset;
    this.entity = entity;
    this.filter = filter;
    this.rows = order.changeField() == null ? byKey(after(skiptoken)) : dataset.scan(entity.set(),
        skiptoken == null ? null : rowKey(skiptoken), null, false);
  }

  /** The skiptoken of a row in the given order. */
  static String skiptoken(SapOrder order, RowState row) {
    return order.changeField() == null ? Long.toString(row.index())
        : row.modifiedAt().getEpochSecond() + "." + row.modifiedAt().getNano() + "_" + row.index();
  }

  private static long after(String skiptoken) {
    try {
      return skiptoken == null ? -1 : Long.parseLong(skiptoken);
    } catch (NumberFormatException e) {
      throw new SapFilterException("Invalid $skiptoken '" + skiptoken + "'");
    }
  }

  private static RowKey rowKey(String skiptoken) {
    try {
      String[] parts = skiptoken.split("[._]");
      return new RowKey(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
          Long.parseLong(parts[2]));
    } catch (RuntimeException e) {
      throw new SapFilterException("Invalid $skiptoken '" + skiptoken + "'");
    }
  }

  private Iterator<RowState> byKey(long afterIndex) {
    String set = entity.set();
    return new Iterator<>() {
      long i = afterIndex + 1;

      @Override
      public boolean hasNext() {
        return i < dataset.size(set);
      }

      @Override
      public RowState next() {
        return dataset.row(set, i++);
      }
    };
  }

  @Override
  protected Entry advance() {
    while (rows.hasNext()) {
      RowState r = rows.next();
      if (r.deleted()) {
        continue;
      }
      Map<String, Object> v = entity.values().apply(r, dataset.random(entity.set(), r.index(), r.version()));
      if (filter.test(v)) {
        return new Entry(r, v);
      }
    }
    return null;
  }
}
