package io.tributary.source.jdbc;

import io.tributary.core.NameSuggester;
import io.tributary.core.ReadRequest;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one stream is read: its output columns, the key-set key (cursor column, then primary key) and the page query.
 * Built once per reader from the request and the database's description of the FROM item.
 *
 * @param columns the stream's columns, in the order the FROM item yields them
 * @param keys indexes into {@code columns} of the key columns, cursor first
 * @param hasCursor whether the key starts with a cursor column
 * @param query the page SQL (for a nullable cursor: of the rows whose cursor is not NULL)
 * @param nullCursorPhase for a nullable cursor, the page SQL of the rows whose cursor is NULL, read first in primary
 *     key order; null otherwise
 * @param rangeValues the values of the partition's range conditions in {@code query}, in parameter order
 */
record JdbcReadPlan(List<JdbcColumn> columns, List<Integer> keys, boolean hasCursor, JdbcKeysetQuery query,
    JdbcKeysetQuery nullCursorPhase, List<Long> rangeValues) {

  static JdbcReadPlan build(ReadRequest request, String baseFrom, List<JdbcColumn> columns,
      List<String> discoveredKey, JdbcCatalog catalog) {
    String stream = request.stream();
    if (request.cursorFields().size() > 1) {
      throw TributaryException.config(
          "stream '" + stream + "' has cursor fields " + request.cursorFields() + " but a jdbc source takes one",
          "keep a single cursor field, such as updated_at; the primary key already breaks ties");
    }
    List<String> pk = request.primaryKey().isEmpty() ? discoveredKey : request.primaryKey();
    if (pk.isEmpty()) {
      throw TributaryException.config("stream '" + stream + "' has no primary key",
          "set primary_key on the stream: the jdbc source pages by key, never by offset");
    }
    List<Integer> keys = new ArrayList<>();
    boolean hasCursor = !request.cursorFields().isEmpty();
    if (hasCursor) {
      keys.add(index(stream, columns, request.cursorFields().get(0), "cursor field"));
    }
    for (String field : pk) {
      int i = index(stream, columns, field, "primary key field");
      if (!keys.contains(i)) {
        keys.add(i);
      }
    }
    boolean nullableCursor = hasCursor && columns.get(keys.get(0)).nullable();
    List<String> refs = new ArrayList<>();
    for (int k : keys) {
      refs.add("s." + catalog.quote(columns.get(k).label()));
    }
    JdbcPartitions.Range range = JdbcPartitions.Range.ALL;
    if (!request.partition().isEmpty()) {
      JdbcColumn key = JdbcPartitions.requireIntegerKey(stream, columns, pk);
      range = JdbcPartitions.Range.of(request.partition(), "s." + catalog.quote(key.label()), stream);
    }
    JdbcKeysetQuery query = new JdbcKeysetQuery(baseFrom + " s", List.copyOf(refs), range.conditions());
    return new JdbcReadPlan(List.copyOf(columns), List.copyOf(keys), hasCursor,
        nullableCursor ? query.cursorNotNull() : query, nullableCursor ? query.nullCursorPhase() : null,
        range.values());
  }

  /** Whether the cursor column may be NULL, so the stream is read in two phases (NULL cursors first). */
  boolean nullableCursor() {
    return nullCursorPhase != null;
  }

  JdbcColumn key(int k) {
    return columns.get(keys.get(k));
  }

  private static int index(String stream, List<JdbcColumn> columns, String field, String what) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).label().equalsIgnoreCase(field)) {
        return i;
      }
    }
    Optional<String> near = NameSuggester.suggest(field, columns.stream().map(JdbcColumn::label).toList());
    throw TributaryException.config("stream '" + stream + "': " + what + " '" + field + "' is not a column",
        near.map(s -> "did you mean '" + s + "'?").orElse("columns are "
            + columns.stream().map(JdbcColumn::label).toList()));
  }
}
