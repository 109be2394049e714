package io.tributary.source.jdbc;

import io.tributary.core.NameSuggester;
import io.tributary.core.Identifiers;
import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * What the database says about its schemas, tables, keys and columns, over one open connection. Names from the job
 * are matched case-insensitively and replaced by the database's own spelling, so {@code accounts} finds H2's
 * {@code ACCOUNTS} and quoting never changes meaning.
 */
final class JdbcCatalog {

  /** A resolved table: catalog (MariaDB database) or schema, and the exact name. */
  record TableRef(String catalog, String schema, String name) {}

  /** What one stream reads: a FROM item and the table's primary key (empty for a query, which declares none). */
  record StreamFrom(String fromItem, List<String> primaryKey) {}

  private final Connection connection;
  private final DatabaseMetaData meta;
  private final boolean catalogsAreDatabases;
  private final String quote;
  private final String namespace;

  JdbcCatalog(Connection connection, String configuredSchema) throws SQLException {
    this.connection = connection;
    this.meta = connection.getMetaData();
    String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
    // MariaDB/MySQL drivers expose databases as catalogs, not schemas
    this.catalogsAreDatabases = product.contains("mariadb") || product.contains("mysql");
    String q = meta.getIdentifierQuoteString();
    this.quote = q == null || q.isBlank() ? "\"" : q.trim();
    this.namespace = resolveNamespace(configuredSchema);
  }

  /** Points the connection's default schema (MariaDB: database) at the configured one. */
  void useNamespace() throws SQLException {
    if (catalogsAreDatabases) {
      connection.setCatalog(namespace);
    } else {
      connection.setSchema(namespace);
    }
  }

  /** Tables and views of the configured schema, in name order. */
  List<TableRef> tables() throws SQLException {
    List<TableRef> tables = new ArrayList<>();
    try (ResultSet rs = catalogsAreDatabases
        ? meta.getTables(namespace, null, "%", new String[] {"TABLE", "VIEW"})
        : meta.getTables(null, namespace, "%", new String[] {"TABLE", "VIEW"})) {
      while (rs.next()) {
        tables.add(new TableRef(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME")));
      }
    }
    tables.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
    return tables;
  }

  /** Resolves a table option ({@code orders} or {@code sales.orders}) to the database's spelling. */
  TableRef resolve(String stream, String tableOption) throws SQLException {
    String[] parts = tableOption.split("\\.", -1);
    if (parts.length > 2) {
      throw TributaryException.config("stream '" + stream + "': table '" + tableOption + "' has too many dots",
          "write the table as name or schema.name");
    }
    String space = parts.length == 2 ? matchNamespace(Identifiers.require(parts[0], "schema")) : namespace;
    String wanted = Identifiers.require(parts[parts.length - 1], "table");
    List<String> names = new ArrayList<>();
    try (ResultSet rs = catalogsAreDatabases
        ? meta.getTables(space, null, "%", new String[] {"TABLE", "VIEW"})
        : meta.getTables(null, space, "%", new String[] {"TABLE", "VIEW"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (name.equalsIgnoreCase(wanted)) {
          return new TableRef(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), name);
        }
        names.add(name);
      }
    }
    throw TributaryException.config(
        "stream '" + stream + "': table '" + tableOption + "' does not exist in schema " + space,
        NameSuggester.suggest(wanted, names)
            .map(s -> "did you mean '" + s + "'? Set options.table")
            .orElse("set options.table to an existing table, or source.schema to the schema that holds it"));
  }

  /** Primary key columns in key order, empty when the table has none. */
  /** The stream's {@code options.query} as a derived table, or its resolved table. */
  StreamFrom streamFrom(String stream, JdbcStreamOptions options) throws SQLException {
    if (options.query() != null) {
      return new StreamFrom("(" + options.query() + ")", List.of());
    }
    TableRef table = resolve(stream, options.table());
    return new StreamFrom(fromItem(table), primaryKey(table));
  }

  List<String> primaryKey(TableRef table) throws SQLException {
    TreeMap<Short, String> key = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(table.catalog(), table.schema(), table.name())) {
      while (rs.next()) {
        key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    return List.copyOf(key.values());
  }

  /** The columns a FROM item (a quoted table or a parenthesized query) yields, from a query returning no rows. */
  List<JdbcColumn> columns(String fromItem) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + fromItem + " s WHERE 1=0")) {
      return JdbcColumn.of(rs.getMetaData());
    }
  }

  /** The table as a quoted FROM item, qualified by its schema (MariaDB: database). */
  String fromItem(TableRef table) {
    String space = catalogsAreDatabases ? table.catalog() : table.schema();
    return (space == null ? "" : quote(space) + ".") + quote(table.name());
  }

  String quote(String identifier) {
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  private String resolveNamespace(String configured) throws SQLException {
    if (configured != null && !configured.isBlank()) {
      return matchNamespace(configured.trim());
    }
    return catalogsAreDatabases ? connection.getCatalog() : connection.getSchema();
  }

  private String matchNamespace(String wanted) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = catalogsAreDatabases ? meta.getCatalogs() : meta.getSchemas()) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (name.equalsIgnoreCase(wanted)) {
          return name;
        }
        names.add(name);
      }
    }
    throw TributaryException.config("schema '" + wanted + "' does not exist",
        NameSuggester.suggest(wanted, names).map(s -> "did you mean '" + s + "'?")
            .orElse("fix source.schema (or the schema part of options.table); existing: " + names));
  }
}
