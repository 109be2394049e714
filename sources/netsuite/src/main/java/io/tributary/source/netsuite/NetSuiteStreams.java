package io.tributary.source.netsuite;

import io.tributary.core.ColumnType;
import io.tributary.core.NameSuggester;
import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in streams (customers, transactions = invoices and sales orders, transaction_lines) and the
 * {@code options:} that define or adjust a stream: table, key_column, modified_column, columns, where.
 */
final class NetSuiteStreams {

  static final Set<String> OPTIONS = Set.of("table", "key_column", "modified_column", "columns", "where");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  static final Map<String, NetSuiteStream> BUILT_IN = Map.of(
      "customers", new NetSuiteStream("customers", "customer", "id", "lastmodifieddate", columns(
          "id", ColumnType.INTEGER, "entityid", ColumnType.STRING, "companyname", ColumnType.STRING,
          "email", ColumnType.STRING, "balance", ColumnType.DECIMAL, "isinactive", ColumnType.BOOLEAN,
          "datecreated", ColumnType.TIMESTAMP, "lastmodifieddate", ColumnType.TIMESTAMP), null),
      "transactions", new NetSuiteStream("transactions", "transaction", "id", "lastmodifieddate", columns(
          "id", ColumnType.INTEGER, "tranid", ColumnType.STRING, "type", ColumnType.STRING,
          "entity", ColumnType.INTEGER, "trandate", ColumnType.DATE, "foreigntotal", ColumnType.DECIMAL,
          "status", ColumnType.STRING, "createddate", ColumnType.TIMESTAMP, "lastmodifieddate",
          ColumnType.TIMESTAMP), "type IN ('CustInvc', 'SalesOrd')"),
      "transaction_lines", new NetSuiteStream("transaction_lines", "transactionline", "uniquekey",
          "linelastmodifieddate", columns("uniquekey", ColumnType.INTEGER, "transaction", ColumnType.INTEGER,
          "id", ColumnType.INTEGER, "item", ColumnType.INTEGER, "quantity", ColumnType.DECIMAL,
          "netamount", ColumnType.DECIMAL, "linelastmodifieddate", ColumnType.TIMESTAMP), null));

  private NetSuiteStreams() {}

  static NetSuiteStream resolve(String stream, Map<String, Object> options) {
    Map<String, Object> o = StreamOptions.known(stream, options, OPTIONS, "a netsuite stream takes " + OPTIONS);
    NetSuiteStream base = BUILT_IN.get(stream);
    if (base == null && !o.containsKey("table")) {
      throw TributaryException.config("stream '" + stream + "' is not a built-in NetSuite stream",
          NameSuggester.suggest(stream, BUILT_IN.keySet()).map(s -> "did you mean '" + s + "'? ").orElse("")
              + "use one of " + BUILT_IN.keySet() + " or set options.table, key_column, modified_column, columns");
    }
    String table = ident(stream, o, "table", base == null ? null : base.table());
    String key = ident(stream, o, "key_column", base == null ? "id" : base.key());
    String modified = ident(stream, o, "modified_column", base == null ? "lastmodifieddate" : base.modified());
    Map<String, ColumnType> cols = o.containsKey("columns") ? columns(stream, o.get("columns")) : base == null
        ? null : base.columns();
    if (cols == null) {
      throw TributaryException.config("stream '" + stream + "' needs options.columns",
          "list the SuiteQL columns with their types, for example columns: {id: integer, lastmodifieddate: timestamp}");
    }
    if (cols.get(key) != ColumnType.INTEGER) {
      throw TributaryException.config("stream '" + stream + "': key_column '" + key + "' must be an integer column",
          "add " + key + ": integer to options.columns; pages past 100,000 results continue by " + key + " > last");
    }
    Object where = o.containsKey("where") ? o.get("where") : base == null ? null : base.where();
    if (where != null && !(where instanceof String)) {
      throw TributaryException.config("stream '" + stream + "': option where must be a text",
          "write a SuiteQL condition, for example where: \"type IN ('CustInvc')\"");
    }
    return new NetSuiteStream(stream, table, key, modified, cols, (String) where);
  }

  private static String ident(String stream, Map<String, Object> o, String name, String fallback) {
    Object v = o.getOrDefault(name, fallback);
    if (!(v instanceof String s) || !IDENT.matcher(s).matches()) {
      throw TributaryException.config("stream '" + stream + "': option " + name + " must be a SuiteQL identifier",
          "write a plain name such as customer or lastmodifieddate");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  private static Map<String, ColumnType> columns(String stream, Object raw) {
    if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) {
      throw TributaryException.config("stream '" + stream + "': option columns must map names to types",
          "for example columns: {id: integer, companyname: string, lastmodifieddate: timestamp}");
    }
    Map<String, ColumnType> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String n = String.valueOf(e.getKey());
      if (!IDENT.matcher(n).matches()) {
        throw TributaryException.config("stream '" + stream + "': column '" + n + "' is not an identifier",
            "use SuiteQL column names");
      }
      try {
        out.put(n.toLowerCase(Locale.ROOT), ColumnType.valueOf(String.valueOf(e.getValue()).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException bad) {
        throw TributaryException.config("stream '" + stream + "': column " + n + " has unknown type " + e.getValue(),
            "use one of string, integer, decimal, double, boolean, date, timestamp");
      }
    }
    return out;
  }

  private static Map<String, ColumnType> columns(Object... pairs) {
    Map<String, ColumnType> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (ColumnType) pairs[i + 1]);
    }
    return m;
  }

  static List<String> names() {
    return List.of("customers", "transactions", "transaction_lines");
  }
}
