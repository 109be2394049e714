package io.tributary.sink.staged;

import io.tributary.core.SystemColumns;
import io.tributary.sink.StagedMergeSql;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.staged.StagedType.Family;

/**
 * The statements that publish a run's staged rows into the target of a staged warehouse: the MERGE keeping the last
 * staged row of each key ({@link StagedMergeSql}), the INSERT of every staged row in load order or of the last one of
 * each key, and the statement that empties the staging table. Which of them a publish runs, and in what
 * transactions, is the writer's ({@link TransactionalStagedWriter}, {@link AtomicStagedWriter}).
 */
public final class StagedPublish extends StagedMergeSql {

  private static final String RN = SystemColumns.PREFIX + "rn";
  private static final String MERGE_INTO = "MERGE INTO ";

  private final String stagingTable;

  /**
   * @param staged what the publish reads the staged rows from: the staging table, or a query of its data rows
   * @param stagingTable the staging table itself, qualified
   */
  public StagedPublish(TableLayout<StagedType> layout, String staged, String stagingTable) {
    super(layout.qualified(), staged, layout.columns(), layout.primaryKey(),
        layout.types().stream().map(t -> t.family() == Family.JSON).toList(), layout.dialect()::quote, MERGE_INTO,
        (condition, then, otherwise) -> "CASE WHEN " + condition + " THEN " + then + " ELSE " + otherwise + " END");
    this.stagingTable = stagingTable;
  }

  public boolean keyed() {
    return !primaryKey().isEmpty();
  }

  /** Whether {@code sql} adds rows to the target: its MERGE or INSERT. */
  public boolean insertsIntoTarget(String sql) {
    return sql.startsWith(MERGE_INTO + target + " ") || sql.startsWith("INSERT INTO " + target + " ")
        || sql.startsWith("INSERT OVERWRITE " + target + " ");
  }

  public String clearStaging() {
    return "DELETE FROM " + stagingTable;
  }

  /** Every staged row in load order, or the last staged row of each key. */
  @Override
  public String insert(boolean latestPerKey) {
    return "INSERT INTO " + target + select(latestPerKey);
  }

  /** The target's rows replaced by the staged ones in one statement (Delta's INSERT OVERWRITE). */
  public String insertOverwrite(boolean latestPerKey) {
    return "INSERT OVERWRITE " + target + select(latestPerKey);
  }

  private String select(boolean latestPerKey) {
    String from = latestPerKey ? "(" + latestPerKey() + ") AS s" : staging + " AS s";
    String select = latestPerKey ? plainList() : parsedList();
    return " (" + list(allColumns()) + ") SELECT " + select + " FROM " + from
        + (latestPerKey ? "" : " ORDER BY s." + q(SystemColumns.SEQ));
  }

  /** The last staged row of each key, JSON columns parsed from their staged text. */
  @Override
  protected String latestPerKey() {
    return "SELECT " + parsedList() + " FROM (SELECT " + list(allColumns()) + ", " + q(SystemColumns.SEQ)
        + ", ROW_NUMBER() OVER (PARTITION BY " + list(primaryKey()) + " ORDER BY " + q(SystemColumns.SEQ)
        + " DESC) AS " + q(RN) + " FROM " + staging + ") AS s WHERE s." + q(RN) + " = 1";
  }
}
