package io.tributary.sandbox.sap;

import io.tributary.sandbox.LookaheadIterator;
import io.tributary.sandbox.RowKey;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.sap.SapSandboxSettings.Skiptoken;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rows of one entity set in a served order, after a {@code $skiptoken}, filtered by a predicate. An
 * {@link Skiptoken#OFFSET} token counts the rows already served, so the query runs again and skips that many: a row
 * that moves later or disappears between pages shifts the rest back and one row is never served. A
 * {@link Skiptoken#KEYSET} token names the last row served (its index, and its stamp in change order), so rows
 * changed between pages are neither skipped nor served twice within a read.
 */
final class SapCollection extends LookaheadIterator<SapCollection.Entry> {

  /** A row and its typed values. */
  record Entry(RowState row, Map<String, Object> values) {}

  private final SandboxDataset dataset;
  private final SapEntity entity;
  private final Predicate<Map<String, Object>> filter;
  private final Iterator<RowState> rows;
  private long skip;

  SapCollection(SandboxDataset dataset, SapEntity entity, SapOrder order, Skiptoken kind, String skiptoken,
      Predicate<Map<String, Object>> filter) {
    this.dataset = dataset;
    this.entity = entity;
    this.filter = filter;
    boolean keyset = kind == Skiptoken.KEYSET && skiptoken != null;
    this.skip = kind == Skiptoken.OFFSET && skiptoken != null ? number(skiptoken) : 0;
    this.rows = order.changeField() == null ? byKey(keyset ? number(skiptoken) : -1) : dataset.scan(entity.set(),
        keyset ? rowKey(skiptoken) : null, null, false);
  }

  /** The keyset skiptoken of a row in the given order. */
  static String skiptoken(SapOrder order, RowState row) {
    return order.changeField() == null ? Long.toString(row.index())
        : row.modifiedAt().getEpochSecond() + "." + row.modifiedAt().getNano() + "_" + row.index();
  }

  /** The offset skiptoken after {@code served} rows. */
  static String skiptoken(long served) {
    return Long.toString(served);
  }

  /** A key-order keyset token's row index, or an offset token's count of rows served. */
  private static long number(String skiptoken) {
    try {
      long n = Long.parseLong(skiptoken);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
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
      if (filter.test(v) && skip-- <= 0) {
        return new Entry(r, v);
      }
    }
    return null;
  }
}
