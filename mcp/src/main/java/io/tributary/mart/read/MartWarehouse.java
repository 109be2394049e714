package io.tributary.mart.read;

/**
 * Read-only access to one warehouse's {@code marts} schema, enforced by the database itself (a read-only connection
 * or role), not only by looking at the SQL. Thread-confined: one caller at a time.
 */
public interface MartWarehouse extends AutoCloseable {

  /** Runs a checked query; a refusal (by the guard or the database) is a {@link QueryRefused}. */
  QueryResult query(MartQuery query);

  /** The tables in the marts schema that readers can see now. */
  java.util.List<String> marts();

  /** Where the readers' data comes from, for the catalog (a file, a database URL without credentials). */
  String location();

  @Override
  void close();
}
