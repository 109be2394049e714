package io.tributary.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * DuckDB's own {@code COPY FROM} of a CSV into an empty table with the column types the bench job declares, for
 * bench/run-all's DuckDB ratio. Args: database file, CSV file. Prints {@code rows seconds cpu-seconds}, the last being
 * the process's CPU time during the COPY (DuckDB reads the CSV with several threads).
 */
public final class DuckDbCopyBench {

  private DuckDbCopyBench() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0]);
        Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE TABLE copy_target (id BIGINT PRIMARY KEY, name VARCHAR, email VARCHAR,"
          + " city VARCHAR, status VARCHAR, amount DECIMAL(18,2), balance DECIMAL(18,2), score DOUBLE,"
          + " active BOOLEAN, born DATE, updated_at TIMESTAMPTZ, note VARCHAR)");
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      s.execute("COPY copy_target FROM '" + args[1].replace("'", "''") + "' (HEADER, DELIMITER ',')");
      double secs = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      try (var rs = s.executeQuery("SELECT count(*) FROM copy_target")) {
        rs.next();
        System.out.printf("%d %.3f %.2f%n", rs.getLong(1), secs, cpu);
      }
    }
  }
}
