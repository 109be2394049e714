package io.tributary.reliability;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A SaaS source read from a sandbox the harness runs, into DuckDB. Ground truth: the sandbox dataset (key → the
 * modification stamp the platform shows, and the deleted flag where deletes are soft), so "stale" means the
 * warehouse holds an older version of the row than the source. Between the kill and the rerun 20 rows change and 5
 * are added (and 3 deleted where the platform reports deletes). Where deletes arrive as key-only tombstones, the
 * live rows are compared and a deleted row must not be among them.
 */
final class SandboxChaosScenario implements ChaosScenario {

  private final SandboxJob job;
  private final long rows;
  private final int chunkSize;
  private SandboxServer server;
  private Path duckdb;

  SandboxChaosScenario(SandboxJob job, long rows, int chunkSize) {
    this.job = job;
    this.rows = rows;
    this.chunkSize = chunkSize;
  }

  @Override
  public String name() {
    return job.name() + "-duckdb";
  }

  @Override
  public Path prepare(Path dir) throws Exception {
    close();
    Files.createDirectories(dir);
    server = job.start(rows, 42, "none");
    duckdb = dir.resolve("warehouse.duckdb").toAbsolutePath();
    Path file = Files.writeString(dir.resolve("chaos_" + job.name() + ".yml"), """
        source: %s
        sink: { type: duckdb, path: "%s", schema: raw }
        chunk_size: %d
        streams:
        %s""".formatted(job.sourceBlock(server, dir), duckdb, chunkSize, job.streams().indent(2)));
    if (job.killIncrementalRun()) {
      Cli.Result first = new Cli(dir.resolve("state")).run("run", file.toString());
      if (first.exitCode() != 0) {
        throw new IllegalStateException(name() + ": the initial full load failed: " + first.output());
      }
      // 40% of the rows change now (the platforms stamp changes with their clock; a watermark may be the clock
      // too): the killed run reads them by search.
      long size = server.dataset().size(job.object());
      for (long i = 0; i < size; i += 5) {
        server.dataset().touch(job.object(), i, Math.min(i + 1, size - 1), server.clock().now());
      }
    }
    return file;
  }

  @Override
  public void mutate(Random random) {
    Instant at = server.clock().now();
    long size = server.dataset().size(job.object());
    for (int i = 0; i < 20; i++) {
      long index = random.nextLong(size);
      server.dataset().touch(job.object(), index, index, at);
    }
    server.dataset().add(job.object(), 5, at);
    if (job.softDeletes()) {
      for (int i = 0; i < 3; i++) {
        long index = random.nextLong(size);
        server.dataset().delete(job.object(), index, index, at);
      }
    }
  }

  @Override
  public Map<String, String> truth() {
    Map<String, String> m = new HashMap<>();
    server.dataset().rows(job.object()).filter(r -> comparesDeleted() || !r.deleted())
        .forEach(r -> m.put(job.key(r), signature(job.stamp(r).toEpochMilli(), r)));
    return m;
  }

  /** Whether deleted rows are compared: soft deletes that carry the whole row; tombstones are only checked absent. */
  private boolean comparesDeleted() {
    return job.softDeletes() && !job.tombstoneDeletes();
  }

  private String signature(long stampMillis, RowState r) {
    return comparesDeleted() ? stampMillis + "|" + r.deleted() : Long.toString(stampMillis);
  }

  @Override
  public List<Map.Entry<String, String>> warehouse() throws SQLException {
    List<String> ks = job.keyAndStamp();
    String sql = "SELECT CAST(" + ks.get(0) + " AS VARCHAR), CAST(epoch_ms(CAST(" + ks.get(1)
        + " AS TIMESTAMPTZ)) AS VARCHAR)"
        + (comparesDeleted() ? " || '|' || CAST(_tributary_deleted AS VARCHAR)" : "") + " FROM raw." + job.table()
        // A tombstone flags the row (or inserts the bare key); a live row wrongly flagged shows up as missing, a
        // deleted row left unflagged as extra.
        + (job.tombstoneDeletes() ? " WHERE NOT _tributary_deleted" : "");
    List<Map.Entry<String, String>> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckdb);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new AbstractMap.SimpleEntry<>(rs.getString(1), rs.getString(2)));
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
