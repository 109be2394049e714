package io.tributary.reliability;

import io.tributary.sandbox.SandboxServer;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/run-all's SaaS part: each source with a sandbox, {@code rows} rows at the platform's default page size, into
 * PostgreSQL through the CLI (in-process, after a warm-up run, so JVM start is not in the figure). Prints one line per
 * source: {@code name rows rows/s requests minimum} where requests counts every call the sandbox answered (auth,
 * describe and count calls included) and minimum is the data pages alone. Args: rows, work dir, then optionally the
 * sources to run (names from {@link SandboxJobs}; default all), for example
 * {@code java -cp "$TEST_CP" io.tributary.reliability.SaasSourceBench 20000 bench/out/saas dynamics sap}.
 * Every load is checked row by row against the simulator's own rows: the same keys, none twice, each with the
 * simulator's modification stamp (to the millisecond). A platform that counts its requests by kind adds a line
 * {@code name-requests kind=count ...} (Salesforce: token, describe, query, list, create, polls, results, other).
 */
public final class SaasSourceBench {

  private static final Pattern SUMMARY = Pattern.compile("\\n\\s+\\S+\\s+merge\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)"
      + "\\s+([\\d,]+)");

  private SaasSourceBench() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    Path work = Path.of(args[1]);
    boolean warmed = false;
    List<String> names = args.length > 2 ? List.of(args).subList(2, args.length) : SandboxJobs.names();
    for (String name : names) {
      SandboxJob job = SandboxJobs.named(name).atDefaultPageSizes();
      if (!warmed) {
        load(job, 2000, work.resolve("warmup"));
        warmed = true;
      }
      Loaded r = load(job, rows, work.resolve(name));
      System.out.printf(Locale.ROOT, "%s %d %d %d %d%n", name, r.rows(), r.rowsPerSecond(), r.requests(),
          job.minimumCalls(rows));
      if (!r.byKind().isEmpty()) {
        System.out.printf(Locale.ROOT, "%s-requests %s%n", name, r.byKind());
      }
    }
    System.exit(0);
  }

  /** Loaded rows, rows/s (the summary's, the stream step), requests answered, and those by kind. */
  private record Loaded(long rows, long rowsPerSecond, long requests, String byKind) {}

  private static Loaded load(SandboxJob job, long rows, Path dir) throws Exception {
    Files.createDirectories(dir);
    String schema = TestPostgres.freshSchema("bench_saas");
    try (SandboxServer server = job.start(rows, 42, "none")) {
      Path file = Files.writeString(dir.resolve("bench_" + job.name().replace('-', '_') + ".yml"), """
          source: %s
          sink: { type: postgres, url: "%s", user: %s, schema: %s }
          chunk_size: 10000
          streams:
          %s""".formatted(job.sourceBlock(server, dir), TestPostgres.url(), TestPostgres.user(), schema,
          job.streams().indent(2)));
      Cli.Result r = new Cli(dir.resolve("state")).run("run", file.toString());
      Matcher m = SUMMARY.matcher(r.output());
      if (r.exitCode() != 0 || !m.find()) {
        throw new IllegalStateException(job.name() + " bench run failed:\n" + r.output());
      }
      long requests = server.faultLog().size();
      String byKind = job.requestsByKind(server);
      verify(job, server, schema);
      return new Loaded(num(m.group(2)), num(m.group(4)), requests, byKind);
    } finally {
      try (var c = TestPostgres.connect();
          var s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /** The loaded table holds exactly the simulator's rows: every key once, with its stamp; fails otherwise. */
  private static void verify(SandboxJob job, SandboxServer server, String schema) throws Exception {
    Map<String, Long> truth = new HashMap<>();
    server.dataset().rows(job.object()).filter(r -> job.softDeletes() || !r.deleted())
        .forEach(r -> truth.put(job.key(r), job.stamp(r).toEpochMilli()));
    List<String> ks = job.keyAndStamp();
    String sql = "SELECT " + ks.get(0) + "::text, (extract(epoch FROM " + ks.get(1) + "::timestamptz) * 1000)::bigint"
        + " FROM " + schema + "." + job.table() + (job.tombstoneDeletes() ? " WHERE NOT _tributary_deleted" : "");
    long rows = 0;
    List<String> wrong = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    try (var c = TestPostgres.connect();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
        String key = rs.getString(1);
        Long want = truth.get(key);
        if (seen.put(key, rs.getLong(2)) != null || want == null || want != rs.getLong(2)) {
          wrong.add(key);
        }
      }
    }
    if (rows != truth.size() || !wrong.isEmpty()) {
      throw new IllegalStateException(job.name() + ": the warehouse holds " + rows + " rows, the simulator "
          + truth.size() + "; keys duplicated, unknown or with another stamp: " + wrong.size() + " "
          + wrong.subList(0, Math.min(5, wrong.size())));
    }
  }

  private static long num(String s) {
    return Long.parseLong(s.replace(",", ""));
  }
}
