package io.tributary.reliability.configspace;

import io.tributary.reliability.configspace.JobSpec.Mode;
import io.tributary.reliability.configspace.LegalCombinations.Verdict;
import io.tributary.reliability.configspace.Step.Mutation;
import io.tributary.reliability.configspace.Step.RunKind;
import io.tributary.reliability.configspace.Step.Tamper;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link ConfigCase} against the real product and the model, and returns the first discrepancy (a case
 * stops there: later steps would only echo it). Each case has its own source schema, warehouse (a PostgreSQL schema
 * or a DuckDB file) and job repository (an H2 file or a PostgreSQL schema).
 */
final class CaseRunner {

  /** The outcome of a case: {@code refused} when the job file was (rightly) refused at load. */
  record Outcome(ConfigCase configCase, long seed, boolean refused, String discrepancy, String jobFile) {
    boolean clean() {
      return discrepancy == null;
    }
  }

  private final Path workDir;

  CaseRunner(Path workDir) {
    this.workDir = workDir;
  }

  Outcome run(ConfigCase c, long seed) throws Exception {
    // A directory of its own even when a seed runs twice: a job repository left by another case would be shared.
    Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "case-" + seed + "-");
    JobSpec spec = c.spec();
    String src = TestPostgres.freshSchema("cs_src");
    String dst = spec.sink() == JobSpec.Sink.POSTGRES ? TestPostgres.freshSchema("cs_dst") : "raw";
    String repo = spec.postgresRepository() ? TestPostgres.freshSchema("cs_repo") : null;
    Path job = dir.resolve("cs.yml");
    Files.writeString(job, spec.yaml(TestPostgres.url(), TestPostgres.user(), src, dst, dir.resolve("wh.duckdb")));
    CaseSession session = new CaseSession(c, dir, job, new InProcessCli(dir.resolve("state"), repo),
        new WarehouseReader(spec, dst, dir.resolve("wh.duckdb")), new SourceTable(src, spec, c.valueSeed()));
    try (Connection source = TestPostgres.connect()) {
      session.source.create(source);
      session.source.insert(source, c.initialRows(), c.adversarialInitial());
      String problem = session.firstRun();
      boolean refused = problem == null && session.refused;
      for (int i = 0; problem == null && !refused && i < c.steps().size(); i++) {
        problem = session.step(source, i + 1, c.steps().get(i));
      }
      return new Outcome(c, seed, refused, problem, Files.readString(job));
    } finally {
      dropSchemas(src, spec.sink() == JobSpec.Sink.POSTGRES ? dst : null, repo);
    }
  }

  private static void dropSchemas(String... schemas) throws SQLException {
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        if (schema != null) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }

  /** The state of one case while it runs. */
  private static final class CaseSession {
    private final ConfigCase c;
    private final Path dir;
    private final Path job;
    private final InProcessCli cli;
    private final WarehouseReader warehouse;
    private final SourceTable source;
    private final ExpectedWarehouse model;
    private final RunChecks checks;
    private boolean refused;

    CaseSession(ConfigCase c, Path dir, Path job, InProcessCli cli, WarehouseReader warehouse, SourceTable source) {
      this.c = c;
      this.dir = dir;
      this.job = job;
      this.cli = cli;
      this.warehouse = warehouse;
      this.source = source;
      this.model = new ExpectedWarehouse(c.spec());
      this.checks = new RunChecks(c.spec(), warehouse, model);
    }

    String firstRun() throws Exception {
      Verdict verdict = LegalCombinations.verdict(c.spec());
      WarehouseReader.Contents before = warehouse.read();
      if (c.concurrentFirstRun() && verdict == Verdict.ACCEPT) {
        RunOutcome both = new StepRun(cli, job, dir, 0).concurrent();
        if (both.problem() != null) {
          return "step 0: " + both.problem();
        }
        for (int i = 0; i < both.logicalRuns(); i++) {
          model.onRun(source.current().values(), false);
        }
        return checks.after(0, both.last(), before, source.current().size(), false);
      }
      InProcessCli.Result r = cli.run("run", job.toString());
      if (r.exitCode() == 2 && verdict == Verdict.REFUSE) {
        refused = true;
        return null;
      }
      if (r.exitCode() == 2) {
        return "step 0: a legal combination was refused at load (exit 2)\n" + r.output();
      }
      if (verdict == Verdict.REFUSE) {
        return "step 0: a combination that must be refused at load was accepted (exit " + r.exitCode()
            + "); see LegalCombinations\n" + r.output();
      }
      if (r.exitCode() != 0) {
        return "step 0: first run exit " + r.exitCode() + ", expected 0\n" + r.output();
      }
      model.onRun(source.current().values(), false);
      return checks.after(0, r, before, source.current().size(), true);
    }

    String step(Connection sourceDb, int index, Step step) throws Exception {
      source.nextEpoch();
      for (Mutation m : step.mutations()) {
        mutate(sourceDb, m);
      }
      boolean tampered = step.tamper() != Tamper.NONE && c.spec().mode() != Mode.APPEND;
      if (tampered) {
        warehouse.tamper(step.tamper() == Tamper.DROP_TARGET);
        model.targetLost();
      }
      WarehouseReader.Contents before = warehouse.read();
      RunOutcome run = new StepRun(cli, job, dir, index).execute(step, tampered);
      if (run.problem() != null) {
        return "step " + index + ": " + run.problem();
      }
      for (int i = 0; i < run.logicalRuns(); i++) {
        model.onRun(source.current().values(), run.fullRefresh());
      }
      boolean countsExact = run.logicalRuns() == 1 && step.run() == RunKind.NORMAL && !tampered;
      return checks.after(index, run.last(), before, source.current().size(), countsExact);
    }

    private void mutate(Connection db, Mutation m) throws SQLException {
      switch (m.kind()) {
        case INSERT -> source.insert(db, m.rows(), m.adversarial());
        case INSERT_INFINITY -> source.insertWithInfinity(db, m.rows());
        case INSERT_STEADY -> source.insertSteadily(db, m.rows());
        case UPDATE -> source.update(db, m.rows(), m.adversarial());
        case FLAG_DELETED -> source.flagDeleted(db, m.rows(), true);
        case FLAG_DELETED_CLEARED -> source.flagDeletedClearingName(db, m.rows());
        case UNFLAG_DELETED -> source.flagDeleted(db, m.rows(), false);
        case ADD_COLUMN -> source.addColumn(db);
      }
    }
  }

  /** How a step's run(s) ended: how many logical runs loaded, the last result, or what went wrong. */
  record RunOutcome(int logicalRuns, boolean fullRefresh, InProcessCli.Result last, String problem) {
    static RunOutcome problem(String what, InProcessCli.Result r) {
      return new RunOutcome(0, false, r, what + (r == null ? "" : "\n" + r.output()));
    }
  }

  static List<String> args(String... a) {
    return new ArrayList<>(List.of(a));
  }
}
