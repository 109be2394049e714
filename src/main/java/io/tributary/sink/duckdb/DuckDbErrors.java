package io.tributary.sink.duckdb;

import io.tributary.core.TributaryException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Classifies DuckDB failures in one place. DuckDB's JDBC driver reports no SQLState, so this reads the message. */
final class DuckDbErrors {

  private DuckDbErrors() {}

  /** Opening the database file failed. */
  static TributaryException onOpen(Path file, SQLException e) {
    String message = String.valueOf(e.getMessage());
    // DuckDB allows one writing process per file: "IO Error: Could not set lock on file ...: Conflicting lock is held"
    if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
      return new TributaryException(
          TributaryException.Kind.CONFIG,
          "another tributary run holds " + file + "; wait for it or stop it (DuckDB: " + firstLine(message) + ")",
          "only one process can write a DuckDB file: wait for the other run to finish, close any duckdb CLI or"
              + " notebook that has the file open, or point sink.path at another file",
          e);
    }
    return new TributaryException(
        TributaryException.Kind.CONFIG,
        "cannot open DuckDB database " + file + ": " + firstLine(message),
        "check that the directory is writable and the file is a DuckDB database of a compatible version",
        e);
  }

  /** A statement failed inside a load: transient from the engine's view, the chunk rolls back and may be retried. */
  static TributaryException onWrite(String what, SQLException e) {
    return new TributaryException(
        TributaryException.Kind.INTERNAL,
        "DuckDB failed to " + what + ": " + firstLine(String.valueOf(e.getMessage())),
        "the chunk was rolled back; fix the cause and run the job again, it resumes after the last committed chunk",
        e);
  }

  /** DDL at stream start or a mart statement failed. */
  static TributaryException onDdl(String what, SQLException e, String hint) {
    return new TributaryException(
        TributaryException.Kind.CONFIG, "DuckDB failed to " + what + ": " + String.valueOf(e.getMessage()).strip(),
        hint, e);
  }

  static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message.strip() : message.substring(0, nl).strip();
  }
}
