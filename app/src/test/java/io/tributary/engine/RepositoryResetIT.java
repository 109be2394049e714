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
 * A job repository replaced while the warehouse is kept (a deleted {@code .tributary/}, a new
 * TRIBUTARY_REPOSITORY_URL, a second host with its own H2 file). Spring Batch numbers the new repository's job
 * instances from 1 again, so before repositories had ids the new instance 1 took the old instance 1's state row in the
 * warehouse for its own and resumed from its position: a HubSpot run read one page of 5,000 records and said COMPLETED.
 * Now the warehouse tells the two repositories apart: the new one is refused (exit 2, naming both and the fix) and
 * changes nothing; the old one reads on; a --full-refresh makes the new one the owner. Row counts are the source's.
 */
@Tag("db")
class RepositoryResetIT {

  @TempDir
  Path dir;

  private String src;
  private String dst;
  private CliRunner first;
  private CliRunner second;

  @BeforeEach
  void setUp() throws Exception {
    src = TestPostgres.freshSchema("src");
    dst = TestPostgres.freshSchema("dst");
    sql("CREATE TABLE " + src + ".plans (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    insertSource(1, 300);
    System.setProperty("spring.datasource.username", TestPostgres.user());
    first = new CliRunner(dir.resolve("state-a"), repositoryUrl(TestPostgres.freshSchema("repo_a")));
    second = new CliRunner(dir.resolve("state-b"), repositoryUrl(TestPostgres.freshSchema("repo_b")));
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
  @CsvSource({"postgres, merge", "postgres, append", "duckdb, merge", "duckdb, append"})
  void aReplacedJobRepositoryIsRefusedUntilAFullRefreshAndNeverSkipsOrDuplicatesRows(String sink, String mode)
      throws Exception {
    Path job = job(sink, mode);
    assertExit(first.run("run", job.toString()), 0);
    assertThat(rows(sink)).isEqualTo(new long[] {300, 300});
    insertSource(301, 350);

    CliRunner.Result refused = second.run("run", job.toString());
    assertExit(refused, 2);
    assertThat(refused.output()).contains("stream 'plans' of job 'billing' was last loaded into this warehouse by job"
        + " instance 1 of another job repository").contains("--full-refresh");
    assertThat(rows(sink)).as("the refused run changed nothing").isEqualTo(new long[] {300, 300});

    assertExit(first.run("run", job.toString()), 0);
    assertThat(rows(sink)).as("the repository that loaded the warehouse reads on").isEqualTo(new long[] {350, 350});

    if (mode.equals("merge")) {
      assertExit(second.run("run", "--full-refresh", job.toString()), 0);
      assertThat(rows(sink)).as("a full refresh by key: every source row once").isEqualTo(new long[] {350, 350});
      insertSource(351, 360);
      assertExit(second.run("run", job.toString()), 0);
      assertThat(rows(sink)).as("the new owner reads on").isEqualTo(new long[] {360, 360});
      assertExit(first.run("run", job.toString()), 2);
      assertThat(rows(sink)).isEqualTo(new long[] {360, 360});
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"postgres", "duckdb"})
  void aReplaceStreamReloadsWholeUnderAnyRepository(String sink) throws Exception {
    Path job = job(sink, "replace");
    assertExit(first.run("run", job.toString()), 0);
    insertSource(301, 350);
    assertExit(second.run("run", job.toString()), 0);
    assertThat(rows(sink)).as("a replace reads the whole source whatever the watermarks")
        .isEqualTo(new long[] {350, 350});
  }

  private static void assertExit(CliRunner.Result result, int code) {
    assertThat(result.exitCode()).as(result.output()).isEqualTo(code);
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
