package io.tributary.sink.databricks;

import io.tributary.sink.jdbc.SqlDialect;
import java.util.Locale;

/**
 * Databricks SQL. Unity Catalog stores names in lower case and compares them in any case (Databricks docs, "Names"),
 * so Tributary lower-cases every validated name; a double-quoted text is a string literal in Databricks SQL, so names
 * are quoted with back-ticks. Primary keys are informational only (Databricks docs, "Constraints on Databricks"):
 * the publish merges by key itself.
 */
final class DatabricksDialect extends SqlDialect<DatabricksType> {

  static final DatabricksDialect INSTANCE = new DatabricksDialect();

  private DatabricksDialect() {
    super("Databricks", DatabricksType::forColumn, DatabricksType::fromCatalog);
  }

  @Override
  public String stored(String identifier) {
    return identifier.toLowerCase(Locale.ROOT);
  }

  @Override
  public String quote(String identifier) {
    return "`" + stored(identifier).replace("`", "``") + "`";
  }

  /** A PRIMARY KEY needs NOT NULL key columns in Delta; the publish keeps keys unique, so none is declared. */
  @Override
  public boolean declaresPrimaryKey() {
    return false;
  }

  /**
   * Column defaults (the metadata and state columns have them) are a Delta table feature (Databricks docs, "DEFAULT");
   * type widening lets a DECIMAL column widen in place (Databricks docs, "Type widening", Databricks Runtime 15.4+).
   */
  @Override
  public String tableOptions() {
    return " TBLPROPERTIES ('delta.feature.allowColumnDefaults' = 'supported', 'delta.enableTypeWidening' = 'true')";
  }

  /** {@code ALTER COLUMN ... TYPE} is Delta's spelling; only the widenings {@link DatabricksType} allows reach it. */
  @Override
  public String alterColumnType(String qualifiedTable, String column, DatabricksType from, DatabricksType to) {
    return "ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + quote(column) + " TYPE " + to.ddl();
  }
}
