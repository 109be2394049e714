package io.tributary.sink.duckdb;

import io.tributary.core.TributaryException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies DuckDB failures in one place. DuckDB's JDBC driver reports no SQLState, so this reads the message. */
final class DuckDbErrors {

  private static final Pattern LOCK_HOLDER = Pattern.compile("lock is held in (.*?) \\(PID (\\d+)\\)");
  private static final Pattern CONFIG_ERRORS =
      Pattern.compile("(Catalog|Parser|Binder|Permission|Not implemented|Dependency) Error");

  private DuckDbErrors() {}

  /** Opening the database file failed. */
  static TributaryException onOpen(Path file, SQLException e) {
    String message = String.valueOf(e.getMessage());
    // DuckDB admits one process per file when it writes, and a reading process (even read-only) keeps writers out:
    // "IO Error: Could not set lock on file ...: Conflicting lock is held in <program> (PID <n>)"
    // (https://duckdb.org/docs/stable/connect/concurrency).
    if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
      Matcher holder = LOCK_HOLDER.matcher(message);
      String who = holder.find() ? " (PID " + holder.group(2) + ", " + holder.group(1).strip() + ")" : "";
      return TributaryException.busy(
          "the DuckDB file " + file + " is locked by another process" + who + ": a DuckDB session that has it"
              + " open (a duckdb CLI, a notebook, a BI tool; read-only sessions too) or another run; this run did"
              + " nothing",
          "try again when that process has closed the file (DuckDB lets no other process in while one writes, and"
              + " keeps writers out while one reads); analysts can read a copy of the file instead",
          e);
    }
    return new TributaryException(
        TributaryException.Kind.CONFIG,
        "cannot open DuckDB database " + file + ": " + firstLine(message),
        "check that the directory is writable and the file is a DuckDB database of a compatible version",
        e);
  }

  /**
   * A statement failed: its error class (the message's prefix, DuckDB's "Catalog Error", "Conversion Error", ...)
   * says whether a name or statement is wrong (config), another transaction conflicted (transient, the chunk rolled
   * back and a rerun resumes), or something else went wrong while loading (internal).
   */
  static TributaryException at(SQLException e, String doing) {
    String message = String.valueOf(e.getMessage()).strip();
    String what = "DuckDB failed while " + doing + ": ";
    if (CONFIG_ERRORS.matcher(message).lookingAt()) {
      return new TributaryException(TributaryException.Kind.CONFIG, what + message,
          "fix the table, column or SQL the message names (DuckDB dialect), then run again", e);
    }
    if (message.startsWith("TransactionContext Error") || message.startsWith("IO Error")) {
      return TributaryException.transientFailure(what + firstLine(message), e);
    }
    return new TributaryException(TributaryException.Kind.INTERNAL, what + firstLine(message),
        "the chunk was rolled back; fix the cause and run the job again, it resumes after the last committed chunk",
        e);
  }

  static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message.strip() : message.substring(0, nl).strip();
  }
}
