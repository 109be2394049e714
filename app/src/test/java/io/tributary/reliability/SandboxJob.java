package io.tributary.reliability;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A SaaS source job against a sandbox server that the harness owns (so it knows the ground truth, can change rows
 * while the job is down, and decides the faults): how to start the server, the job's {@code source:} and stream
 * blocks pointing at it, and how a sandbox row and a warehouse row are keyed and stamped.
 */
interface SandboxJob {

  String name();

  /** Starts the platform's simulator with {@code rows} rows per object. */
  SandboxServer start(long rows, long seed, String faults);

  /** The job's {@code source:} mapping (one line, flow style), secrets as {@code ${file:}} refs under {@code dir}. */
  String sourceBlock(SandboxServer server, Path dir) throws Exception;

  /** The {@code streams:} list (YAML block, each item starting with "- "). */
  String streams();

  /** The sandbox object behind the stream the crash matrix checks. */
  String object();

  /** The warehouse table of that stream. */
  String table();

  /** The table's key and modification-stamp columns, for {@code SELECT key, epoch_ms(stamp)}. */
  List<String> keyAndStamp();

  /** The warehouse key of a sandbox row. */
  String key(RowState row);

  /** The stamp as the platform shows it (for example truncated to seconds). */
  Instant stamp(RowState row);

  /** Whether a sandbox delete leaves a soft-deleted row (true) or the row just stops being returned (false). */
  boolean softDeletes();

  /**
   * Whether a delete reaches the warehouse as a tombstone carrying only the key (Dataverse {@code $deletedEntity}),
   * not as the whole row with its new stamp. A deleted row is then right either flagged deleted (whatever its other
   * columns) or absent (deleted before any run read it), and the crash matrix compares only the live rows.
   */
  default boolean tombstoneDeletes() {
    return false;
  }

  /** The fewest requests that can return {@code rows} rows at the platform's largest page (data pages only). */
  long minimumCalls(long rows);

  /**
   * The requests the simulator answered, by kind ({@code kind=count} separated by spaces), for the benchmark's
   * breakdown; empty when the platform does not count them.
   */
  default String requestsByKind(SandboxServer server) {
    return "";
  }

  /** This job with the platform's default (largest) page sizes, for benchmarks. */
  default SandboxJob atDefaultPageSizes() {
    return this;
  }

  /** Whether the platform's auth issues access tokens that expire (OAuth 2.0), so token expiry is a fault to test. */
  default boolean expiringTokens() {
    return true;
  }

  /**
   * Whether a trial first loads everything (uninterrupted), then changes many rows and kills the incremental run
   * that follows, because the incremental read path is the one worth killing (HubSpot's search windows, Dataverse
   * delta links).
   */
  default boolean killIncrementalRun() {
    return false;
  }
}
