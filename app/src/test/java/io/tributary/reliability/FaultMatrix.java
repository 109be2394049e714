package io.tributary.reliability;

import io.tributary.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a sandbox job with one fault class at a time and compares the resulting table, every column but the run's
 * own metadata, with a fault-free run of the same seed. A run may also fail restartable (exit 1, saying to run
 * again); it is then rerun against the same faulty sandbox until it completes, and the end state is compared.
 */
final class FaultMatrix {

  /** The fault classes and their specs, alone and all together. */
  static final Map<String, String> CLASSES = new LinkedHashMap<>();

  static {
    CLASSES.put("429 bursts", "429:20%");
    CLASSES.put("5xx", "500:8%,502:6%,503:6%");
    CLASSES.put("timeout", "timeout:8%");
    CLASSES.put("slow pages", "slow:400ms@30%");
    CLASSES.put("token expiry", "expire-token-after:1s,slow:300ms@30%");
    CLASSES.put("reset mid-body", "reset:15%");
    CLASSES.put("malformed / truncated", "malformed:10%");
    CLASSES.put("all together", "429:5%,500:4%,503:3%,timeout:3%,slow:200ms@10%,reset:5%,malformed:3%,"
        + "expire-token-after:2s");
  }

  /** One cell: how the run ended and how its table compares with the fault-free one. */
  record Row(String source, String faultClass, String spec, int failedRuns, boolean completed, long rows,
      long differing, long quarantined, long unexplained, int faultsInjected, int requests, String note) {

    boolean clean() {
      return completed && unexplained == 0 && (faultsInjected > 0 || spec.startsWith("expire"));
    }

    String outcome() {
      if (!completed) {
        return "did not complete: " + note;
      }
      String runs = failedRuns == 0 ? "completed" : failedRuns + "× exit 1 (restartable), then completed";
      if (differing == 0) {
        return runs + "; identical";
      }
      return runs + "; " + quarantined + " record(s) quarantined with a reason"
          + (unexplained > 0 ? ", " + unexplained + " row(s) DIFFER" : ", all other rows identical");
    }
  }

  private final Path root;
  private final long rows;
  private final long seed;
  private final Map<String, List<String>> reference = new LinkedHashMap<>();

  FaultMatrix(Path root, long rows, long seed) {
    this.root = root;
    this.rows = rows;
    this.seed = seed;
  }

  Row run(SandboxJob job, String faultClass, String spec) throws Exception {
    List<String> expected = reference.get(job.name());
    if (expected == null) {
      Outcome clean = load(job, "fault-free", "none");
      if (clean.failedRuns != 0 || !clean.completed) {
        throw new IllegalStateException(job.name() + ": the fault-free run did not complete: " + clean.note);
      }
      expected = clean.table;
      if (expected.isEmpty()) {
        throw new IllegalStateException(job.name() + ": the fault-free run loaded nothing; nothing to compare");
      }
      reference.put(job.name(), expected);
    }
    Outcome o = load(job, faultClass, spec);
    if (!o.completed) {
      return new Row(job.name(), faultClass, spec, o.failedRuns, false, 0, 0, 0, 0, o.faults, o.requests, o.note);
    }
    Set<String> actual = new HashSet<>(o.table);
    Set<String> keysBad = new HashSet<>();
    for (String row : expected) {
      if (!actual.contains(row)) {
        keysBad.add(row.substring(0, row.indexOf('\t')));
      }
    }
    long extra = o.table.size() - (expected.size() - keysBad.size());
    long unexplained = keysBad.stream().filter(k -> !o.quarantinedKeys.contains(k)).count() + Math.max(0, extra);
    return new Row(job.name(), faultClass, spec, o.failedRuns, true, o.table.size(), keysBad.size() + Math.max(0,
        extra), o.quarantinedKeys.size(), unexplained, o.faults, o.requests, o.note);
  }

  private record Outcome(boolean completed, int failedRuns, List<String> table, Set<String> quarantinedKeys,
      int faults, int requests, String note) {}

  private Outcome load(SandboxJob job, String label, String spec) throws Exception {
    Path dir = root.resolve(job.name()).resolve(label.replaceAll("[^a-z0-9]+", "-"));
    Files.createDirectories(dir);
    try (SandboxServer server = job.start(rows, seed, spec)) {
      Path db = dir.resolve("warehouse.duckdb").toAbsolutePath();
      Path file = Files.writeString(dir.resolve("faults_" + job.name().replace('-', '_') + ".yml"), """
          source: %s
          sink: { type: duckdb, path: "%s", schema: raw }
          chunk_size: 200
          skip_limit: 1000
          streams:
          %s""".formatted(job.sourceBlock(server, dir), db, job.streams().indent(2)));
      Cli cli = new Cli(dir.resolve("state"));
      int failed = 0;
      String note = "";
      while (true) {
        Cli.Result r = cli.run("run", file.toString());
        Files.writeString(dir.resolve("run-" + failed + ".log"), r.output());
        if (r.exitCode() == 0) {
          break;
        }
        String message = r.output().substring(Math.max(0, r.output().indexOf("error: ")));
        if (r.exitCode() != 1 || !message.contains("run the same command again") || message.contains("\tat ")) {
          return new Outcome(false, failed, List.of(), Set.of(), injected(server), server.faultLog().size(),
              "exit " + r.exitCode() + ": " + message.lines().findFirst().orElse("(no message)"));
        }
        failed++;
        note = message.lines().findFirst().orElse("");
        if (failed >= 6) {
          return new Outcome(false, failed, List.of(), Set.of(), injected(server), server.faultLog().size(),
              "still failing after 6 restartable runs: " + note);
        }
      }
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
        return new Outcome(true, failed, dump(c, job), quarantinedKeys(c), injected(server), server.faultLog().size(), note);
      }
    }
  }

  private static int injected(SandboxServer server) {
    return (int) server.faultLog().stream().filter(f -> !f.equals("ok")).count();
  }

  /** Every row as key TAB the other columns, without the run's own metadata columns. */
  private static List<String> dump(Connection c, SandboxJob job) throws SQLException {
    List<String> out = new ArrayList<>();
    String key = job.keyAndStamp().get(0);
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * EXCLUDE (_tributary_extracted_at, _tributary_run_id) FROM raw."
            + job.table() + " ORDER BY " + key)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder(String.valueOf(rs.getObject(key)));
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.append(i == 1 ? '\t' : '|').append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  private static Set<String> quarantinedKeys(Connection c) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw'"
            + " AND table_name = '_tributary_quarantine'")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return keys;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT source_key FROM raw._tributary_quarantine")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }
}
