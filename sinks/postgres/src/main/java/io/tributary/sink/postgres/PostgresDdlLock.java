package io.tributary.sink.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Serializes the DDL of one warehouse schema across processes. {@code CREATE SCHEMA/TABLE IF NOT EXISTS} is not safe
 * when two sessions run it at once (one fails on the unique index of {@code pg_namespace} or {@code pg_type}), and
 * two first runs, or the workers of a partitioned stream, do exactly that. Every transaction that creates, evolves,
 * drops or renames tables in the schema first takes this transaction-scoped advisory lock (PostgreSQL manual,
 * "Advisory Locks"); it is released at commit or rollback, so a dead process never keeps it.
 *
 * <p>One key per schema, not per table: the state and quarantine tables ({@link io.tributary.core.SystemTables}) are
 * shared by every table of the schema and are created in the same transaction as the target.
 */
final class PostgresDdlLock {

  private PostgresDdlLock() {}

  /** Waits for the schema's DDL lock inside the caller's transaction (autocommit must be off). */
  static void acquire(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      ps.setLong(1, key(schema));
      ps.execute();
    }
  }

  /**
   * A 64-bit key from the schema name. The 64-bit key space does not overlap the two-int one (manual, "Advisory
   * Lock Functions"); the prefix keeps it apart from other 64-bit keys Tributary may take.
   */
  static long key(String schema) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("tributary warehouse ddl\0" + schema).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
