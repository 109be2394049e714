package io.tributary.mart.read;

/**
 * Read-only access to one warehouse's {@code marts} schema, enforced by the database itself (a read-only connection
 * or role), not only by looking at the SQL. Thread-confined: one caller at a time.
 */
public interface MartWarehouse extends AutoCloseable {

  /** Runs a checked query; a refusal (by the guard or the database) is a {@link QueryRefused}. */
  QueryResult query(MartQuery query);

  /** The tables in the marts schema that readers can see now. */
  default java.util.List<String> marts() {
    java.util.List<String> out = new java.util.ArrayList<>();
    query(new MartQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'"
        + " ORDER BY table_name", java.util.List.of(), MartQuery.MAX_LIMIT, MartQuery.DEFAULT_TIMEOUT))
        .rows().forEach(row -> out.add(String.valueOf(row.get("table_name"))));
    return out;
  }

  /** Closes a reader's connection; a read-only connection has nothing to lose on close. */
  static void closeQuietly(java.sql.Connection connection) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (java.sql.SQLException ignored) {
      // nothing was written on it
    }
  }

  /** Where the readers' data comes from, for the catalog (a file, a database URL without credentials). */
  String location();

  @Override
  void close();
}
