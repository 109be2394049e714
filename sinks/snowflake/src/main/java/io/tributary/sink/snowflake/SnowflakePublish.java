package io.tributary.sink.snowflake;

import io.tributary.core.SystemColumns;
import io.tributary.core.WriteMode;
import io.tributary.sink.StagedMergeSql;
import io.tributary.sink.jdbc.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that publish a run's staged rows into the target, all in one transaction with the state row:
 * merge → one MERGE keeping the last staged row of each key ({@link StagedMergeSql}); append → one INSERT in load
 * order; replace → DELETE the target, then INSERT (deduplicated by key when the stream has one), in the job
 * instance's first publish only: a later publish of the same instance (a restart that read rows after the published
 * position) merges them by key, or appends them, into that copy. Then the staging table is emptied.
 */
final class SnowflakePublish extends StagedMergeSql {

  private static final String RN = SystemColumns.PREFIX + "rn";
  private static final String MERGE_INTO = "MERGE INTO ";

  /** Reads the output of the session's last statement: a MERGE's or INSERT's "number of rows inserted". */
  static final String INSERTED_BY_LAST_STATEMENT =
      "SELECT \"number of rows inserted\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))";

  private final WriteMode mode;

  SnowflakePublish(TableLayout<SnowflakeType> layout, String stagingQualified, WriteMode mode) {
    super(layout.qualified(), stagingQualified, layout.columns(), layout.primaryKey(),
        layout.types().stream().map(t -> t.kind() == SnowflakeType.Kind.VARIANT).toList(),
        SnowflakeDialect.INSTANCE::quote, MERGE_INTO, (condition, then, otherwise) -> "CASE WHEN " + condition
            + " THEN " + then + " ELSE " + otherwise + " END");
    this.mode = mode;
  }

  /** @param replacing whether this publish swaps a replace copy (the job instance's first publish) */
  List<String> statements(boolean replacing) {
    List<String> sql = new ArrayList<>();
    boolean keyed = !primaryKey().isEmpty();
    switch (mode) {
      case MERGE -> sql.add(merge());
      case APPEND -> sql.add(insert(false));
      case REPLACE -> {
        if (replacing) {
          sql.add("DELETE FROM " + target);
          sql.add(insert(keyed));
        } else {
          sql.add(keyed ? merge() : insert(false));
        }
      }
    }
    sql.add(clearStaging());
    return sql;
  }

  /** Whether {@code sql} (one of {@link #statements}) adds rows to the target: its MERGE or INSERT. */
  boolean insertsIntoTarget(String sql) {
    return sql.startsWith(MERGE_INTO + target + " ") || sql.startsWith("INSERT INTO " + target + " ");
  }

  String clearStaging() {
    return "DELETE FROM " + staging;
  }

  /** Every staged row in load order, or the last staged row of each key. */
  @Override
  public String insert(boolean latestPerKey) {
    String from = latestPerKey ? "(" + latestPerKey() + ") AS s" : staging + " AS s";
    String select = latestPerKey ? plainList() : parsedList();
    return "INSERT INTO " + target + " (" + list(allColumns()) + ") SELECT " + select + " FROM " + from
        + (latestPerKey ? "" : " ORDER BY s." + q(SystemColumns.SEQ));
  }

  /** The last staged row of each key, VARIANT columns parsed from their staged text. */
  @Override
  protected String latestPerKey() {
    return "SELECT " + parsedList() + " FROM (SELECT " + list(allColumns()) + ", " + q(SystemColumns.SEQ)
        + ", ROW_NUMBER() OVER (PARTITION BY " + list(primaryKey()) + " ORDER BY " + q(SystemColumns.SEQ)
        + " DESC) AS " + q(RN) + " FROM " + staging + ") AS s WHERE s." + q(RN) + " = 1";
  }
}
