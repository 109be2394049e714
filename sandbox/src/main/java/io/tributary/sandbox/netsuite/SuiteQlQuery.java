package io.tributary.sandbox.netsuite;

import io.tributary.sandbox.RowKey;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A parsed simulator query.
 *
 * @param table the table read
 * @param select the output columns in order
 * @param where the full filter (every row returned passes it)
 * @param order the row order
 * @param keyAbove an exclusive lower bound on the key implied by the filter, or null (a scan hint only)
 * @param modifiedAfter an exclusive (modified, index) lower bound implied by the filter, or null (a scan hint only)
 * @param onlyBound true when the filter is nothing but {@code keyAbove} or {@code modifiedAfter} (or absent), so
 *     the rows can be counted from the dataset's bookkeeping without rendering them
 */
record SuiteQlQuery(SuiteQlTable table, List<Output> select, Predicate<Map<String, Object>> where, Order order,
    Long keyAbove, RowKey modifiedAfter, boolean onlyBound) {

  enum Order { KEY, MODIFIED_KEY }

  /**
   * One output column.
   *
   * @param column the table column
   * @param format a TO_CHAR format, or null for NetSuite's default rendering
   * @param alias the name in the result
   */
  record Output(String column, String format, String alias) {}
}
