package io.tributary.source.jdbc;

import io.tributary.core.Cursor;
import io.tributary.core.FieldNames;
import io.tributary.core.IndexedFields;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one stream page by page with key-set queries over one connection. Each record's position is its key (cursor
 * value, then primary key values, as text) and each page's watermark is its last record's position, because rows
 * come in key order. At most one page of rows is held in memory. Rows are value arrays over the stream's shared
 * {@link FieldNames}; a record's position is built from its key values only when the engine asks for it.
 */
final class JdbcStreamReader implements StreamReader {

  private static final int MAX_PAGE_SIZE = 100_000;

  private final Connection connection;
  private final ReadRequest request;
  private final JdbcReadPlan plan;
  private final JdbcValues values;
  private final int pageSize;
  private final int fetchSize;
  private final FieldNames names;
  private final int[] keySlots;
  private final Function<Map<String, Object>, Cursor> positionOf;
  /** Whether positions are read per row in the key columns' own types (a wall-clock or real key). */
  private final boolean keysReadPerRow;
  /** Reads pages as binary COPY tuples the sink takes as they are; null to read typed values only. */
  private final JdbcPassThrough pass;
  private final JdbcCopyPage copyPage;
  private final FieldNames keyNames;
  private final Function<Map<String, Object>, Cursor> encodedPositionOf;

  JdbcStreamReader(Connection connection, ReadRequest request, JdbcReadPlan plan, JdbcValues values, int fetchSize) {
    this(connection, request, plan, values, fetchSize, null);
  }

  JdbcStreamReader(Connection connection, ReadRequest request, JdbcReadPlan plan, JdbcValues values, int fetchSize,
      JdbcPassThrough pass) {
    this.connection = connection;
    this.request = request;
    this.plan = plan;
    this.values = values;
    this.pageSize = Math.max(1, Math.min(request.pageSize(), MAX_PAGE_SIZE));
    this.fetchSize = Math.min(fetchSize, pageSize);
    this.names = new FieldNames(plan.columns().stream().map(JdbcColumn::label).toList());
    this.keySlots = plan.keys().stream().mapToInt(Integer::intValue).toArray();
    this.positionOf = this::positionOf;
    this.keysReadPerRow = plan.keys().stream().anyMatch(k -> JdbcValues.keyedByOwnType(plan.columns().get(k)));
    this.pass = pass;
    this.copyPage = pass == null ? null : new JdbcCopyPage(pass);
    this.keyNames = new FieldNames(plan.keys().stream().map(k -> plan.columns().get(k).label()).toList());
    this.encodedPositionOf = this::encodedPositionOf;
  }

  @Override
  public Page read(Cursor cursor) {
    try {
      List<SourceRecord> records = query(cursor);
      connection.commit();
      if (records.size() < pageSize) {
        return Page.last(records, records.isEmpty() ? null : records.get(records.size() - 1).position());
      }
      Cursor last = records.get(records.size() - 1).position();
      return Page.more(records, last, last);
    } catch (SQLException e) {
      throw JdbcErrors.read(e, "stream '" + request.stream() + "'");
    }
  }

  /** Where a page query starts: at the beginning, strictly after the bound key, or at the bound minus the lookback. */
  private enum Start { FIRST, AFTER, FROM }

  private List<SourceRecord> query(Cursor cursor) throws SQLException {
    boolean fromStart = cursor == null || cursor.isStart();
    Cursor bound = fromStart ? request.watermark() : cursor;
    boolean lookback = fromStart && request.incremental() && !request.lookback().isZero();
    if (bound == null || bound.isStart() || fromStart && !request.incremental()) {
      return nullCursorPhase(null, true, false);
    }
    if (plan.hasCursor() && inNullCursorPhase(bound)) {
      return nullCursorPhase(bound, lookback, keyValue(bound, 0) != null);
    }
    List<SourceRecord> records = new ArrayList<>();
    page(plan.query(), lookback ? Start.FROM : Start.AFTER, bound, 0, pageSize, records);
    return records;
  }

  /**
   * A page that starts in the rows with a NULL cursor (in primary key order) and, when those run out, continues
   * into the others from their first key. A lookback re-reads every NULL row: a row committed late with a smaller
   * primary key has no cursor value to be found by. A legacy position at the sentinel ({@code sentinelBound})
   * continues strictly after itself in the second phase: before the two phases, NULL rows and rows whose cursor
   * equals the sentinel were read together in primary key order, so those up to the bound are done.
   */
  private List<SourceRecord> nullCursorPhase(Cursor bound, boolean restart, boolean sentinelBound)
      throws SQLException {
    List<SourceRecord> records = new ArrayList<>();
    if (plan.nullableCursor()) {
      page(plan.nullCursorPhase(), restart ? Start.FIRST : Start.AFTER, bound, 1, pageSize, records);
    }
    if (records.size() < pageSize) {
      Start start = !sentinelBound ? Start.FIRST : restart ? Start.FROM : Start.AFTER;
      page(plan.query(), start, bound, 0, pageSize - records.size(), records);
    }
    return records;
  }

  /**
   * Whether a position lies in the NULL-cursor phase: it names the primary key but no cursor value (saved at a row
   * whose cursor was NULL), or, as versions before the two phases saved it, the cursor's NULL sentinel.
   */
  private boolean inNullCursorPhase(Cursor bound) {
    for (int k = 1; k < plan.keys().size(); k++) {
      if (keyValue(bound, k) == null) {
        return false; // the key changed since the cursor was saved: keyText says so
      }
    }
    String cursorValue = keyValue(bound, 0);
    return cursorValue == null || plan.nullableCursor() && values.isLegacyNullPosition(plan.key(0), cursorValue);
  }

  /**
   * Runs one page query and adds its rows to {@code into}. {@code keyOffset} is the plan key the query's first
   * compared key is: 1 in the NULL-cursor phase, which compares the primary key only.
   */
  private void page(JdbcKeysetQuery query, Start start, Cursor bound, int keyOffset, int limit,
      List<SourceRecord> into) throws SQLException {
    String sql = switch (start) {
      case FIRST -> query.first(limit);
      case AFTER -> query.after(limit);
      case FROM -> query.from(limit);
    };
    if (pass != null && start != Start.FROM && copied(query, sql, start, bound, keyOffset, into)) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setFetchSize(Math.min(fetchSize, limit));
      ps.setMaxRows(limit);
      int p = 1;
      for (long rangeValue : plan.rangeValues()) {
        ps.setLong(p++, rangeValue);
      }
      if (start == Start.FROM) {
        values.bindLowerBound(ps, p, plan.key(keyOffset), keyText(bound, keyOffset), request.lookback());
      } else if (start == Start.AFTER) {
        for (int k : query.afterParameterKeys()) {
          values.bind(ps, p++, plan.key(k + keyOffset), keyText(bound, k + keyOffset));
        }
      }
      collect(ps, into);
    }
  }

  /**
   * Reads the page as binary COPY tuples the sink takes as they are, with the same bounds, order and limit as the
   * typed query. False when it cannot (a bound with no literal here, a row the typed path would quarantine or
   * change): nothing was added, and the caller reads the page as typed values.
   */
  private boolean copied(JdbcKeysetQuery query, String sql, Start start, Cursor bound, int keyOffset,
      List<SourceRecord> into) throws SQLException {
    List<String> literals = new ArrayList<>();
    for (long rangeValue : plan.rangeValues()) {
      literals.add(Long.toString(rangeValue));
    }
    if (start == Start.AFTER) {
      for (int k : query.afterParameterKeys()) {
        String literal = JdbcPassThrough.literal(plan.key(k + keyOffset), keyText(bound, k + keyOffset));
        if (literal == null) {
          return false;
        }
        literals.add(literal);
      }
    }
    List<JdbcCopyPage.Tuple> tuples = copyPage.read(connection, pass.copy(sql, literals));
    if (tuples == null) {
      return false;
    }
    for (JdbcCopyPage.Tuple t : tuples) {
      Object[] key = t.key();
      for (int k = 0; k < key.length; k++) {
        if (key[k] == null && !(k == 0 && plan.nullableCursor())) {
          throw nullKey(plan.key(k));
        }
      }
      into.add(SourceRecord.encoded(keyNames.record(key), t.row(), encodedPositionOf));
    }
    return true;
  }

  /** The resume point after a passed-through record, from its decoded key values (as {@link #positionOf}). */
  private Cursor encodedPositionOf(Map<String, Object> keyFields) {
    IndexedFields key = (IndexedFields) keyFields;
    Map<String, String> cursor = new LinkedHashMap<>();
    for (int k = 0; k < keyNames.size(); k++) {
      Object value = key.valueAt(k);
      if (value != null) {
        cursor.put(keyNames.name(k), JdbcValues.keyText(plan.key(k), value));
      }
    }
    return new Cursor(cursor);
  }

  private void collect(PreparedStatement ps, List<SourceRecord> records) throws SQLException {
    List<JdbcColumn> columns = plan.columns();
    int n = columns.size();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = values.read(rs, i + 1, columns.get(i));
        }
        if (keysReadPerRow) {
          Object[] key = keyValues(rs);
          records.add(SourceRecord.keyed(names.record(row), fields -> cursorOf(key)));
        } else {
          requireKeys(row);
          records.add(SourceRecord.keyed(names.record(row), positionOf));
        }
      }
    }
  }

  private void requireKeys(Object[] row) {
    for (int k = 0; k < keySlots.length; k++) {
      if (row[keySlots[k]] == null && !(k == 0 && plan.nullableCursor())) {
        throw nullKey(plan.columns().get(keySlots[k]));
      }
    }
  }

  /** The resume point after a record, from its own key values; asked for once per chunk, not per record. */
  private Cursor positionOf(Map<String, Object> fields) {
    IndexedFields row = (IndexedFields) fields;
    Map<String, String> key = new LinkedHashMap<>();
    for (int k : keySlots) {
      Object value = row.valueAt(k);
      if (value != null) { // a NULL cursor: the position names the primary key alone
        key.put(names.name(k), JdbcValues.keyText(plan.columns().get(k), value));
      }
    }
    return new Cursor(key);
  }

  /**
   * The key read from the row in the key columns' own types (a wall-clock cursor stays wall-clock), formatted into a
   * cursor only when the engine asks. A nullable cursor's value may be NULL.
   */
  private Object[] keyValues(ResultSet rs) throws SQLException {
    Object[] key = new Object[plan.keys().size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = values.readKey(rs, plan.keys().get(k) + 1, plan.key(k));
      if (key[k] == null && !(k == 0 && plan.nullableCursor())) {
        throw nullKey(plan.key(k));
      }
    }
    return key;
  }

  private Cursor cursorOf(Object[] key) {
    Map<String, String> cursor = new LinkedHashMap<>();
    for (int k = 0; k < key.length; k++) {
      if (key[k] != null) {
        cursor.put(plan.key(k).label(), JdbcValues.format(key[k]));
      }
    }
    return new Cursor(cursor);
  }

  private TributaryException nullKey(JdbcColumn column) {
    return TributaryException.config("stream '" + request.stream() + "': key column "
        + column.label() + " is NULL in a row; key-set paging needs non-null keys",
        "set primary_key to columns that are never NULL");
  }

  private String keyText(Cursor cursor, int k) {
    String text = keyValue(cursor, k);
    if (text != null) {
      return text;
    }
    String label = plan.key(k).label();
    throw TributaryException.config("stream '" + request.stream() + "': the saved cursor " + cursor.values().keySet()
        + " has no value for key column " + label,
        "the stream's cursor or primary key changed since the cursor was saved; run with --full-refresh");
  }

  private String keyValue(Cursor cursor, int k) {
    String label = plan.key(k).label();
    for (Map.Entry<String, String> e : cursor.values().entrySet()) {
      if (e.getKey().equalsIgnoreCase(label)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing a read-only connection loses nothing; the next run opens a new one
    }
  }
}
