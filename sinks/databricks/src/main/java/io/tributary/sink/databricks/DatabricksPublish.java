package io.tributary.sink.databricks;

import io.tributary.core.SystemColumns;
import io.tributary.core.WriteMode;
import io.tributary.sink.StagedMergeSql;
import io.tributary.sink.jdbc.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that publish a run's staged rows into the target, all in one transaction with the state row:
 * merge → one MERGE keeping the last staged row of each key ({@link StagedMergeSql}); append → one INSERT in load
 * order; replace → one INSERT OVERWRITE (deduplicated by key when the stream has one), which swaps the table's rows
 * atomically in a single Delta commit even outside a transaction, in the job instance's first publish only: a later
 * publish of the same instance (a restart that read rows after the published position) merges them by key, or
 * appends them, into that copy. Then the staging table is emptied.
 */
final class DatabricksPublish extends StagedMergeSql {

  private static final String RN = SystemColumns.PREFIX + "rn";
  private static final String MERGE_INTO = "MERGE INTO ";

  /** The column of a MERGE's or INSERT's result that counts the rows it inserted (Databricks docs, "MERGE INTO"). */
  static final String NUM_INSERTED_ROWS = "num_inserted_rows";

  private final WriteMode mode;

  DatabricksPublish(TableLayout<DatabricksType> layout, String stagingQualified, WriteMode mode) {
    super(layout.qualified(), stagingQualified, layout.columns(), layout.primaryKey(),
        layout.types().stream().map(t -> t.kind() == DatabricksType.Kind.VARIANT).toList(),
        DatabricksDialect.INSTANCE::quote, MERGE_INTO, (condition, then, otherwise) -> "CASE WHEN " + condition
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
          sql.add(insert(keyed).replaceFirst("^INSERT INTO ", "INSERT OVERWRITE "));
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
    return sql.startsWith(MERGE_INTO + target + " ") || sql.startsWith("INSERT INTO " + target + " ")
        || sql.startsWith("INSERT OVERWRITE " + target + " ");
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
