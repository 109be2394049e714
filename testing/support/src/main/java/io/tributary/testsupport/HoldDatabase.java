package io.tributary.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * A second process that keeps a database file open, as an analyst's session or another tool would: {@code
 * HoldDatabase <jdbc-url> [read-only]} opens it, prints {@code holding}, and keeps it open until its stdin closes.
 * With {@code read-only} it first creates the file with a read-write connection (DuckDB cannot open a missing file
 * read-only), then holds it read-only.
 */
public final class HoldDatabase {

  private HoldDatabase() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    boolean readOnly = args.length > 1 && args[1].equals("read-only");
    Properties props = new Properties();
    if (readOnly) {
      try (Connection create = DriverManager.getConnection(url)) {
        create.createStatement().execute("CREATE TABLE IF NOT EXISTS analyst_notes (note VARCHAR)");
      }
      props.setProperty("duckdb.read_only", "true");
    }
    try (Connection held = DriverManager.getConnection(url, props)) {
      held.createStatement().execute("SELECT 1");
      System.out.println("holding");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close our stdin
      }
    }
  }

  /** Starts a holder JVM on this JVM's class path and waits until it holds the database. */
  public static Process start(String url, boolean readOnly, java.nio.file.Path log) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(), url));
    if (readOnly) {
      cmd.add("read-only");
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (java.nio.file.Files.exists(log) && java.nio.file.Files.readString(log).contains("holding")) {
        return p;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("the holder exited: " + java.nio.file.Files.readString(log));
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the holder did not open " + url + " in 60 s");
  }
}
