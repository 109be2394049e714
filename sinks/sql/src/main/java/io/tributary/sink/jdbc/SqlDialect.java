package io.tributary.sink.jdbc;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What differs between the JDBC warehouses, one small method per concern (in the spirit of Spring Batch's
 * per-database {@code PagingQueryProvider}s): how names are stored and quoted, the column types and how the catalog
 * describes them, how a column changes type, primary keys, the lock on a schema's DDL and counting rows. State,
 * quarantine, table setup and evolution and the fenced chunk write are written once in this package against it. The
 * bulk load is not here: it is each warehouse's own ({@link BulkLoad}).
 *
 * @param <T> the warehouse's column type
 */
public abstract class SqlDialect<T extends SqlType<T>> {

  /** Reads a column's type from {@code INFORMATION_SCHEMA.COLUMNS}. */
  public interface CatalogTypes<T> {
    Optional<T> of(String dataType, Integer precision, Integer scale);
  }

  private final String name;
  private final Function<Column, T> types;
  private final CatalogTypes<T> catalogTypes;

  /**
   * @param name the warehouse's name in messages, e.g. {@code PostgreSQL}
   * @param types the type a stream column gets in a new table
   * @param catalogTypes the type of an existing column ({@code DATA_TYPE}, {@code NUMERIC_PRECISION},
   *     {@code NUMERIC_SCALE}), or empty for a type Tributary does not write
   */
  protected SqlDialect(String name, Function<Column, T> types, CatalogTypes<T> catalogTypes) {
    this.name = name;
    this.types = types;
    this.catalogTypes = catalogTypes;
  }

  public final String name() {
    return name;
  }

  public final T typeOf(Column column) {
    return types.apply(column);
  }

  public final Optional<T> typeFromCatalog(String dataType, Integer precision, Integer scale) {
    return catalogTypes.of(dataType, precision, scale);
  }

  /** A validated name as the warehouse stores it: as it is, or upper-cased (Snowflake). */
  public String stored(String identifier) {
    return identifier;
  }

  /** The key a column name is matched by in the catalog: lower-cased where names compare in any case (DuckDB). */
  public String columnKey(String storedName) {
    return storedName;
  }

  /**
   * The statement that changes a column's type; the default is the SQL standard's. A warehouse that must say how old
   * values convert overrides it.
   */
  public String alterColumnType(String qualifiedTable, String column, T from, T to) {
    return "ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + quote(column) + " SET DATA TYPE " + to.ddl();
  }

  /**
   * Whether a new table of a keyed stream declares its PRIMARY KEY. A warehouse that merges by key itself and must
   * widen key columns (DuckDB refuses to change the type of a key column) declares none.
   */
  public boolean declaresPrimaryKey() {
    return true;
  }

  /**
   * The primary key the warehouse enforces on an existing table, so a stream whose key changed fails instead of
   * merging wrongly; empty when it does not enforce keys and there is nothing to compare.
   */
  public Optional<List<String>> enforcedPrimaryKey(Connection c, String schema, String table) throws SQLException {
    return Optional.empty();
  }

  /**
   * Called first in every transaction that creates, evolves, drops or renames tables of {@code schema}, to serialize
   * that DDL across processes; a warehouse one process writes at a time needs nothing.
   */
  public void lockSchema(Connection c, String schema) throws SQLException {}

  /**
   * What follows the column list of every table Tributary creates: nothing, or the table properties a warehouse needs
   * for the DDL Tributary writes (Databricks: column defaults are a Delta table feature).
   */
  public String tableOptions() {
    return "";
  }

  /** A query of a table's row count; a warehouse that can stop counting at {@code enough} rows does. */
  public String countRows(String qualifiedTable, long enough) {
    return "SELECT COUNT(*) FROM " + qualifiedTable;
  }

  /** Text as the warehouse's text columns can hold it (PostgreSQL cannot hold NUL). */
  public String storable(String text) {
    return text;
  }

  /**
   * A validated name, stored and double-quoted (ANSI quoting, shared by PostgreSQL, DuckDB and Snowflake); a warehouse
   * whose SQL reads a double-quoted text as a string literal (Databricks) quotes with its own delimiter.
   */
  public String quote(String identifier) {
    return Identifiers.quote(stored(identifier));
  }

  public final String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  /** Names quoted and comma-separated. */
  public final String list(List<String> names) {
    return names.stream().map(this::quote).collect(Collectors.joining(", "));
  }

  /** The DDL of a system column of {@code type}: the type a stream column of it would get. */
  public final String ddl(ColumnType type) {
    return typeOf(Column.of("system", type)).ddl();
  }
}
