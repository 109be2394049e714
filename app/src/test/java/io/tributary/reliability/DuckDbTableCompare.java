package io.tributary.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * For bench/csv-to-duckdb: compares Tributary's loaded table with DuckDB's own {@code COPY FROM} of the same CSV,
 * value by value over the bench's 12 columns. Args: the COPY database file, the Tributary database file. Prints
 * {@code <copy rows> <tributary rows> <rows only in copy> <rows only in tributary>}; exits 1 when they differ.
 */
public final class DuckDbTableCompare {

  private static final String COLUMNS = "id, name, email, city, status, amount, balance, score, active, born,"
      + " updated_at, note";

  private DuckDbTableCompare() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("ATTACH '" + args[0].replace("'", "''") + "' AS copy (READ_ONLY)");
      s.execute("ATTACH '" + args[1].replace("'", "''") + "' AS trib (READ_ONLY)");
      String copy = "SELECT " + COLUMNS + " FROM copy.main.copy_target";
      String trib = "SELECT " + COLUMNS + " FROM trib.raw.t";
      long[] n = {
          count(s, copy), count(s, trib),
          count(s, copy + " EXCEPT ALL " + trib), count(s, trib + " EXCEPT ALL " + copy)};
      System.out.printf("%d %d %d %d%n", n[0], n[1], n[2], n[3]);
      if (n[0] != n[1] || n[2] != 0 || n[3] != 0) {
        System.exit(1);
      }
    }
  }

  private static long count(Statement s, String query) throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + query + ")")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
