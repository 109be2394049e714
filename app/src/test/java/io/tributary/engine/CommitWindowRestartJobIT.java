package io.tributary.engine;

import static io.tributary.engine.PartitionedJdbcJobIT.repositoryUrl;
import static io.tributary.engine.PartitionedJdbcJobIT.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16, the window between the warehouse commit and the job repository's step completion, for the PostgreSQL and
 * DuckDB sinks, through the real CLI. The kill is a real fault of the job repository (a PostgreSQL trigger refusing
 * the audit row, written after the last chunk, the replace swap and the watermark): the warehouse has everything, the
 * step is FAILED. The restart of the same job instance must complete without re-reading into the table, and a later
 * run with nothing new at the source must change nothing. The expected rows are the source's, counted by SQL.
 */
@Tag("db")
class CommitWindowRestartJobIT {

  private static final int FIRST = 300;
  private static final int ADDED = 50;

  @TempDir
  Path dir;

  private String src;
  private String dst;
  private String repo;
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    src = TestPostgres.freshSchema("src");
    dst = TestPostgres.freshSchema("dst");
    repo = TestPostgres.freshSchema("repo");
    sql("CREATE TABLE " + src + ".plans (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    insertSource(1, FIRST);
    System.setProperty("spring.datasource.username", TestPostgres.user());
    cli = new CliRunner(dir.resolve("state"), repositoryUrl(repo));
  }

  @AfterEach
  void tearDown() {
    System.clearProperty("spring.datasource.username");
  }

  private void insertSource(int from, int to) throws Exception {
    sql("INSERT INTO " + src + ".plans SELECT g, 'Plan ' || g, timestamptz '2024-01-01 00:00:00+00'"
        + " + g * interval '1 minute' FROM generate_series(" + from + ", " + to + ") g");
  }

  private Path job(String sink, String mode) throws Exception {
    String sinkBlock = sink.equals("postgres")
        ? "{ type: postgres, url: \"%s\", user: %s, schema: %s }".formatted(TestPostgres.url(), TestPostgres.user(),
            dst)
        : "{ type: duckdb, path: \"%s\", schema: raw }".formatted(dir.resolve("w.duckdb"));
    return Files.writeString(dir.resolve("billing.yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: %s
        chunk_size: 100
        streams:
          - name: plans
            primary_key: [id]
            cursor: updated_at
            mode: %s
        """.formatted(TestPostgres.url(), TestPostgres.user(), src, sinkBlock, mode));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"postgres, replace", "postgres, merge", "postgres, append", "duckdb, replace", "duckdb, merge",
      "duckdb, append"})
  void aRestartAfterTheWarehouseCommittedCompletesWithoutLosingOrDuplicatingRows(String sink, String mode)
      throws Exception {
    Path job = job(sink, mode);
    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
    insertSource(FIRST + 1, FIRST + ADDED);
    sql("CREATE FUNCTION " + repo + ".refuse_audit() RETURNS trigger LANGUAGE plpgsql AS"
        + " $$ BEGIN RAISE EXCEPTION 'job repository lost (injected by the test)'; END $$");
    sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON " + repo + ".tributary_load_audit FOR EACH ROW EXECUTE FUNCTION "
        + repo + ".refuse_audit()");
    CliRunner.Result killed = cli.run("run", job.toString());
    assertThat(killed.exitCode()).as(killed.output()).isEqualTo(1);
    assertThat(rows(sink)).as("run 2 committed in the warehouse before the job repository failed")
        .isEqualTo(new long[] {FIRST + ADDED, FIRST + ADDED});

    sql("DROP TRIGGER refuse_audit ON " + repo + ".tributary_load_audit");
    CliRunner.Result restart = cli.run("run", job.toString());
    assertThat(restart.exitCode()).as(restart.output()).isEqualTo(0);
    assertThat(restart.output()).contains("resuming it");
    assertThat(restart.output()).as("the restart reads nothing again: the warehouse already holds run 2's rows")
        .containsPattern("plans\\s+" + mode + "\\s+0\\s+0\\s");
    assertThat(rows(sink)).as("the restart: every source row once")
        .isEqualTo(new long[] {FIRST + ADDED, FIRST + ADDED});

    CliRunner.Result again = cli.run("run", job.toString());
    assertThat(again.exitCode()).as(again.output()).isEqualTo(0);
    assertThat(rows(sink)).as("a run with nothing new at the source changes nothing")
        .isEqualTo(new long[] {FIRST + ADDED, FIRST + ADDED});
  }

  /** {rows, distinct ids} of the target table. */
  private long[] rows(String sink) throws Exception {
    String query = "SELECT count(*), count(DISTINCT id) FROM %s.plans";
    if (sink.equals("postgres")) {
      try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(query.formatted(dst))) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("w.duckdb"));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query.formatted("raw"))) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }
}
