package io.tributary.sink;

import io.tributary.core.Column;
import io.tributary.core.Identifiers;
import io.tributary.core.SystemColumns;
import io.tributary.core.TableSpec;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The checks every warehouse makes of a stream before it creates anything for it. */
public final class TableSpecs {

  private TableSpecs() {}

  /**
   * Requires plain identifiers for the table and its columns, none of them using the reserved
   * {@link SystemColumns#PREFIX}, no two columns the same once the warehouse has stored their names, every key part
   * one of the columns, and a key for mode merge.
   *
   * @param stored a name as the warehouse keeps it: as is (PostgreSQL), upper-cased (Snowflake), or in one case
   *     when it compares names in any case (DuckDB, BigQuery)
   * @return the table name
   */
  public static String validate(TableSpec spec, UnaryOperator<String> stored) {
    String table = Identifiers.require(spec.table(), "table of stream " + spec.stream());
    Set<String> seen = new HashSet<>();
    for (Column c : spec.schema().columns()) {
      Identifiers.require(c.name(), "column of stream " + spec.stream());
      if (SystemColumns.reserved(c.name())) {
        throw TributaryException.config("column '" + c.name() + "' of stream " + spec.stream() + " collides with"
            + " Tributary's metadata columns (names starting with " + SystemColumns.PREFIX + " are reserved)",
            "rename the field in the job's mapping");
      }
      if (!seen.add(stored.apply(c.name()))) {
        throw TributaryException.config("stream " + spec.stream() + " has two columns named '"
            + stored.apply(c.name()) + "' as the warehouse stores names",
            "rename one of the fields in the job's mapping");
      }
    }
    List<String> keys = spec.schema().primaryKey();
    for (String key : keys) {
      if (!seen.contains(stored.apply(key))) {
        throw TributaryException.config("primary key '" + key + "' of stream " + spec.stream()
            + " is not one of its output columns " + spec.schema().columnNames(),
            "name the key by its output (mapped) column name");
      }
    }
    if (spec.mode() == WriteMode.MERGE && keys.isEmpty()) {
      throw TributaryException.config("stream " + spec.stream() + " is loaded with mode merge but has no primary key",
          "set primary_key for the stream in the job file, or use mode append");
    }
    return table;
  }
}
