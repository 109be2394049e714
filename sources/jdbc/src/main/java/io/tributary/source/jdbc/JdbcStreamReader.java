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
  /** Whether positions are read per row in the key columns' own types (a wall-clock or real key, a nullable cursor). */
  private final boolean keysReadPerRow;

  JdbcStreamReader(Connection connection, ReadRequest request, JdbcReadPlan plan, JdbcValues values, int fetchSize) {
    this.connection = connection;
    this.request = request;
    this.plan = plan;
    this.values = values;
    this.pageSize = Math.max(1, Math.min(request.pageSize(), MAX_PAGE_SIZE));
    this.fetchSize = Math.min(fetchSize, pageSize);
    this.names = new FieldNames(plan.columns().stream().map(JdbcColumn::label).toList());
    this.keySlots = plan.keys().stream().mapToInt(Integer::intValue).toArray();
    this.positionOf = this::positionOf;
    this.keysReadPerRow = plan.query().nullableCursor()
        || plan.keys().stream().anyMatch(k -> JdbcValues.keyedByOwnType(plan.columns().get(k)));
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

  private List<SourceRecord> query(Cursor cursor) throws SQLException {
    boolean fromStart = cursor == null || cursor.isStart();
    Cursor bound = fromStart ? request.watermark() : cursor;
    boolean lookback = fromStart && request.incremental() && !request.lookback().isZero();
    String sql;
    if (bound == null || bound.isStart() || fromStart && !request.incremental()) {
      sql = plan.query().first(pageSize);
      bound = null;
    } else {
      sql = lookback ? plan.query().from(pageSize) : plan.query().after(pageSize);
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setFetchSize(fetchSize);
      ps.setMaxRows(pageSize);
      int p = 1;
      if (plan.query().nullableCursor()) {
        values.bindNullSentinel(ps, p++, plan.key(0));
      }
      for (long rangeValue : plan.rangeValues()) {
        ps.setLong(p++, rangeValue);
      }
      if (bound != null && lookback) {
        values.bindLowerBound(ps, p, plan.key(0), keyText(bound, 0), request.lookback());
      } else if (bound != null) {
        for (int k : plan.query().afterParameterKeys()) {
          values.bind(ps, p++, plan.key(k), keyText(bound, k));
        }
      }
      return collect(ps);
    }
  }

  private List<SourceRecord> collect(PreparedStatement ps) throws SQLException {
    List<JdbcColumn> columns = plan.columns();
    int n = columns.size();
    List<SourceRecord> records = new ArrayList<>(Math.min(pageSize, 1 << 16));
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
    return records;
  }

  private void requireKeys(Object[] row) {
    for (int k : keySlots) {
      if (row[k] == null) {
        throw nullKey(plan.columns().get(k));
      }
    }
  }

  /** The resume point after a record, from its own key values; asked for once per chunk, not per record. */
  private Cursor positionOf(Map<String, Object> fields) {
    IndexedFields row = (IndexedFields) fields;
    Map<String, String> key = new LinkedHashMap<>();
    for (int k : keySlots) {
      key.put(names.name(k), JdbcValues.keyText(plan.columns().get(k), row.valueAt(k)));
    }
    return new Cursor(key);
  }

  /**
   * The key read from the row in the key columns' own types (a wall-clock cursor stays wall-clock); for a nullable
   * cursor the first key is the sort column's COALESCE. Formatted into a cursor only when the engine asks.
   */
  private Object[] keyValues(ResultSet rs) throws SQLException {
    Object[] key = new Object[plan.keys().size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = values.readKey(rs, plan.keyResultIndexes().get(k), plan.key(k));
      if (key[k] == null) {
        throw nullKey(plan.key(k));
      }
    }
    return key;
  }

  private Cursor cursorOf(Object[] key) {
    Map<String, String> cursor = new LinkedHashMap<>();
    for (int k = 0; k < key.length; k++) {
      cursor.put(plan.key(k).label(), JdbcValues.format(key[k]));
    }
    return new Cursor(cursor);
  }

  private TributaryException nullKey(JdbcColumn column) {
    return TributaryException.config("stream '" + request.stream() + "': key column "
        + column.label() + " is NULL in a row; key-set paging needs non-null keys",
        "set primary_key to columns that are never NULL");
  }

  private String keyText(Cursor cursor, int k) {
    String label = plan.key(k).label();
    for (Map.Entry<String, String> e : cursor.values().entrySet()) {
      if (e.getKey().equalsIgnoreCase(label)) {
        return e.getValue();
      }
    }
    throw TributaryException.config("stream '" + request.stream() + "': the saved cursor " + cursor.values().keySet()
        + " has no value for key column " + label,
        "the stream's cursor or primary key changed since the cursor was saved; run with --full-refresh");
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
