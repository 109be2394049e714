package io.tributary.engine.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Keys of PostgreSQL advisory locks. Advisory locks are per database, not per schema, so a key names the
 * repository's schema as well: two job repositories in one database never block each other.
 */
final class AdvisoryLocks {

  private AdvisoryLocks() {}

  /**
   * A 62-bit key (non-negative and below 2^62, so {@code (classid << 32) | objid} in {@code pg_locks} rebuilds it
   * without sign trouble) from a purpose, the repository schema and, optionally, a job name.
   */
  static long key(String purpose, String schema, String... more) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((purpose + '\u0000' + schema + '\u0000' + String.join("\u0000", more))
          .getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sha.digest()).getLong() & 0x3FFF_FFFF_FFFF_FFFFL;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
