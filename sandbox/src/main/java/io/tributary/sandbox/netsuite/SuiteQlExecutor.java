package io.tributary.sandbox.netsuite;

import io.tributary.sandbox.LookaheadIterator;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.util.Iterator;
import java.util.Map;

/** Runs a parsed query over the dataset: the matching rows' typed values, in the query's order, lazily. */
record SuiteQlExecutor(SandboxDataset dataset, NetSuiteRecords records) {

  Iterator<Map<String, Object>> rows(SuiteQlQuery q) {
    String table = q.table().name();
    Iterator<RowState> states = q.order() == SuiteQlQuery.Order.MODIFIED_KEY
        ? dataset.scan(table, q.modifiedAfter(), null, false)
        : byKey(table, q.keyAbove() == null ? 0 : Math.max(0, q.keyAbove()));
    return new LookaheadIterator<>() {
      @Override
      protected Map<String, Object> advance() {
        while (states.hasNext()) {
          Map<String, Object> v = records.values(table, states.next());
          if (q.where().test(v)) {
            return v;
          }
        }
        return null;
      }
    };
  }

  /**
   * The number of rows {@link #rows} returns. A query filtered by its scan bound alone (every keyset page of a
   * reader) is counted from row states without rendering values, so counting each page stays cheap.
   */
  long count(SuiteQlQuery q) {
    String table = q.table().name();
    boolean byModified = q.order() == SuiteQlQuery.Order.MODIFIED_KEY;
    if (q.onlyBound() && byModified && q.keyAbove() == null) {
      return dataset.count(table, q.modifiedAfter(), null, false);
    }
    Iterator<?> it = q.onlyBound() && !byModified && q.modifiedAfter() == null
        ? byKey(table, q.keyAbove() == null ? 0 : Math.max(0, q.keyAbove())) : rows(q);
    long n = 0;
    for (; it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  /** Live rows from index {@code from} in key (= index) order. */
  private Iterator<RowState> byKey(String table, long from) {
    return new LookaheadIterator<>() {
      private long i = from;

      @Override
      protected RowState advance() {
        long size = dataset.size(table);
        while (i < size) {
          RowState s = dataset.row(table, i++);
          if (!s.deleted()) {
            return s;
          }
        }
        return null;
      }
    };
  }
}
