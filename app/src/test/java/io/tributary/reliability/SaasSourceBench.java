package io.tributary.reliability;

import io.tributary.sandbox.SandboxServer;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      long[] r = load(job, rows, work.resolve(name));
      System.out.printf(Locale.ROOT, "%s %d %d %d %d%n", name, r[0], r[1], r[2], job.minimumCalls(rows));
    }
    System.exit(0);
  }

  /** Returns loaded rows, rows/s (the summary's, the stream step), requests answered. */
  private static long[] load(SandboxJob job, long rows, Path dir) throws Exception {
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
      return new long[] {num(m.group(2)), num(m.group(4)), server.faultLog().size()};
    } finally {
      try (var c = TestPostgres.connect();
          var s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static long num(String s) {
    return Long.parseLong(s.replace(",", ""));
  }
}
