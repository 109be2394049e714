package io.tributary.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The audit of reads (MCP tool calls, {@code ./tributary query}) in the job repository's
 * {@code tributary_query_audit}. Readers must never keep a run out, and an H2 file repository admits one process, so
 * a reader on H2 appends its entries to {@code <state-dir>/audit/queries.jsonl}; the next process that opens the
 * repository (any run or command) moves them into the table here, at start. On PostgreSQL readers insert directly
 * ({@link #insert}).
 */
@Component
public class QueryAuditSpool {

  static final String TABLE = "tributary_query_audit";
  private static final Logger LOG = LoggerFactory.getLogger(QueryAuditSpool.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One audited call. */
  public record Entry(long calledAtMillis, String job, String tool, String arguments, long rowsReturned,
      String outcome, String caller) {}

  public QueryAuditSpool(DataSource dataSource, RepositorySchema schema,
      @Value("${tributary.state-dir:.tributary}") String stateDir) {
    Path spool = spoolFile(Path.of(stateDir));
    if (Files.exists(spool)) {
      try (Connection c = dataSource.getConnection()) {
        drain(spool, c);
      } catch (IOException | SQLException e) {
        LOG.warn("could not move the spooled query audit {} into the job repository; kept for the next start", spool,
            e);
      }
    }
  }

  /** The spool file under a state directory. */
  public static Path spoolFile(Path stateDir) {
    return stateDir.resolve("audit").resolve("queries.jsonl");
  }

  /** Inserts one entry. */
  public static void insert(Connection c, Entry e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (called_at, job_name, tool, arguments,"
        + " rows_returned, outcome, caller) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(e.calledAtMillis())));
      s.setString(2, e.job());
      s.setString(3, e.tool());
      s.setString(4, e.arguments());
      s.setLong(5, e.rowsReturned());
      s.setString(6, e.outcome());
      s.setString(7, e.caller());
      s.executeUpdate();
    }
  }

  /** Appends one entry to the spool, under a file lock shared with {@link #drain}. */
  public static void append(Path stateDir, Entry e) throws IOException {
    Path spool = spoolFile(stateDir);
    Files.createDirectories(spool.getParent());
    try (FileChannel lock = lockChannel(spool); FileLock held = lock.lock()) {
      Files.writeString(spool, JSON.writeValueAsString(e) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  private static void drain(Path spool, Connection c) throws IOException, SQLException {
    try (FileChannel lock = lockChannel(spool); FileLock held = lock.lock()) {
      List<String> lines = Files.readAllLines(spool, StandardCharsets.UTF_8);
      LocalTransaction.<IOException>run(c, tx -> {
        for (String line : lines) {
          if (!line.isBlank()) {
            insert(tx, JSON.readValue(line, Entry.class));
          }
        }
      });
      Files.delete(spool);
    }
  }

  private static FileChannel lockChannel(Path spool) throws IOException {
    return FileChannel.open(spool.resolveSibling("queries.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }
}
