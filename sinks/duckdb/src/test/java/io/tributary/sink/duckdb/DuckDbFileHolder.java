package io.tributary.sink.duckdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/** Child process for the lock test: opens a DuckDB file, signals readiness, and holds it until killed. */
public final class DuckDbFileHolder {

  private DuckDbFileHolder() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
      Files.createFile(Path.of(args[1]));
      Thread.sleep(60_000);
    }
  }
}
