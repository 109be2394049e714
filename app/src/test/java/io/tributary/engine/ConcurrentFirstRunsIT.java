package io.tributary.engine;

import io.tributary.testsupport.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two first runs, as separate processes, of two jobs that load one fresh warehouse schema (not created beforehand),
 * started together: both prepare the schema, {@code _tributary_state}, {@code _tributary_quarantine} and their
 * tables at the same moment. Each process has its own working directory and job repository, as on two hosts.
 */
@Tag("db")
@Tag("process")
class ConcurrentFirstRunsIT {

  private static final int ROWS = 2000;

  @TempDir
  Path dir;

  @Test
  void twoFirstRunsOnAFreshWarehouseSchemaStartedTogetherBothLoad() throws Exception {
    String src = TestPostgres.freshSchema("src");
    String dst = "dst_" + UUID.randomUUID().toString().substring(0, 8);
    sql("CREATE TABLE " + src + ".customers (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL)");
    sql("INSERT INTO " + src + ".customers SELECT g, 'Customer ' || g, timestamptz '2024-01-01 00:00:00+00'"
        + " FROM generate_series(1, " + ROWS + ") g");
    List<Process> runs = new ArrayList<>();
    for (String name : List.of("alpha", "beta")) {
      Path job = Files.writeString(dir.resolve(name + ".yml"), """
          source: { type: jdbc, url: "%s", user: %s, schema: %s }
          sink: { type: postgres, url: "%s", user: %s, schema: %s }
          chunk_size: 500
          streams:
            - { name: customers, table: customers_%s, primary_key: [id], cursor: updated_at }
          """.formatted(TestPostgres.url(), TestPostgres.user(), src, TestPostgres.url(), TestPostgres.user(), dst,
          name));
      Path state = dir.resolve("state-" + name);
      List<String> cmd = new ArrayList<>(ChildJvm.command(true));
      cmd.addAll(List.of(
          "-Dspring.datasource.url=jdbc:h2:file:" + state.resolve("repository").toAbsolutePath() + ";WRITE_DELAY=0",
          "-Dtributary.state-dir=" + state, "io.tributary.TributaryApplication", "run", job.toString()));
      runs.add(ChildJvm.start(new ProcessBuilder(cmd)
          .directory(Files.createDirectories(dir.resolve("wd-" + name)).toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile())));
    }
    for (int i = 0; i < runs.size(); i++) {
      Process p = runs.get(i);
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
      String name = i == 0 ? "alpha" : "beta";
      assertThat(p.exitValue()).as(Files.readString(dir.resolve(name + ".log"))).isZero();
    }
    for (String table : List.of("customers_alpha", "customers_beta")) {
      assertThat(TestPostgres.strings("SELECT count(DISTINCT id) || ' ' || count(*) FROM " + dst + "." + table))
          .containsExactly(ROWS + " " + ROWS);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
