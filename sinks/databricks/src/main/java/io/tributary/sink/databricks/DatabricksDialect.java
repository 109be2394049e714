package io.tributary.sink.databricks;

import io.tributary.sink.WarehouseJson;
import io.tributary.sink.jdbc.SqlDialect;
import io.tributary.sink.staged.ChunkFormat;
import io.tributary.sink.staged.StagedType;
import io.tributary.sink.staged.StagedType.Family;
import io.tributary.sink.staged.StagedTypeNames;
import java.util.Locale;
import java.util.Map;

/**
 * Databricks SQL. Unity Catalog stores names in lower case and compares them in any case (Databricks docs, "Names"),
 * so Tributary lower-cases every validated name; a double-quoted text is a string literal in Databricks SQL, so names
 * are quoted with back-ticks. Primary keys are informational only (Databricks docs, "Constraints on Databricks"): the
 * publish merges by key itself. With type widening on, Delta widens a DECIMAL(p,s) in place to DECIMAL(p+k1,s+k2)
 * when k1 >= k2 >= 0 (Databricks docs, "Type widening").
 */
final class DatabricksDialect extends SqlDialect<StagedType> {

  static final StagedTypeNames TYPES = StagedTypeNames.sameInCatalog(
      Map.of(Family.TEXT, "STRING", Family.DECIMAL, "DECIMAL", Family.FLOAT, "DOUBLE", Family.BOOLEAN, "BOOLEAN",
          Family.DATE, "DATE", Family.TIMESTAMP, "TIMESTAMP", Family.JSON, "VARIANT"),
      StagedTypeNames.DecimalWidening.PRECISION_AND_SCALE);

  /**
   * Chunk file values: microsecond timestamps with their offset and years 1 to 9999 (Databricks docs, "TIMESTAMP
   * type", "DATE type"); a STRING holds up to 2 GB but a row must stay small, so 16 MB per value; JSON that
   * {@code parse_json} accepts; the CSV reader's default spellings of NaN and the infinities (Databricks docs, "CSV
   * file", nanValue, positiveInf, negativeInf).
   */
  static final ChunkFormat CHUNK_FORMAT =
      ChunkFormat.iso("Databricks", 6, 1, 16, WarehouseJson::forSnowflake, "NaN", "Inf", "-Inf");

  static final DatabricksDialect INSTANCE = new DatabricksDialect();

  private DatabricksDialect() {
    super("Databricks", TYPES::forColumn, TYPES::fromCatalog);
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
   * type widening lets a DECIMAL column widen in place (Databricks docs, "Type widening").
   */
  @Override
  public String tableOptions() {
    return " TBLPROPERTIES ('delta.feature.allowColumnDefaults' = 'supported', 'delta.enableTypeWidening' = 'true')";
  }

  /** {@code ALTER COLUMN ... TYPE} is Delta's spelling; only the widenings {@link #TYPES} allows reach it. */
  @Override
  public String alterColumnType(String qualifiedTable, String column, StagedType from, StagedType to) {
    return "ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + quote(column) + " TYPE " + to.ddl();
  }
}
