package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.bamboohr.BambooHrSandbox;
import io.tributary.sandbox.bamboohr.BambooHrSandboxSettings;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A definition's deleted-records endpoint end to end through the CLI: the bamboohr {@code employees} stream reads a
 * custom report (current employees only), then {@code employees/changed} since the same bound, whose
 * {@code action: Deleted} entries become soft deletes. The simulator deletes employees between runs; the warehouse's
 * live and deleted ids are compared with the simulator's dataset.
 */
@Tag("db")
@Tag("sandbox")
class BambooHrDeletesToPostgresJobIT {

  @TempDir
  Path dir;

  private SandboxServer sandbox;
  private String dst;

  @BeforeEach
  void setUp() {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(BambooHrSandbox.platform()).withRows(300));
    dst = TestPostgres.freshSchema("bhr_del");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void employeesDeletedInBambooHrBecomeSoftDeletesOfTheReportStream() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), BambooHrSandboxSettings.API_KEY);
    Path job = Files.writeString(dir.resolve("bhr.yml"), """
        source:
          type: bamboohr
          base_url: "%s/api/gateway.php"
          company_domain: %s
          api_key: "${file:%s}"
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        streams:
          - { name: employees, primary_key: [id], cursor: [lastChanged], lookback: 0s }
        """.formatted(sandbox.baseUrl(), BambooHrSandboxSettings.COMPANY_DOMAIN, key, TestPostgres.url(),
        TestPostgres.user(), dst));
    CliRunner cli = new CliRunner(dir.resolve("state"));
    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
    assertWarehouseEqualsSandbox();

    Instant at = sandbox.clock().now();
    sandbox.dataset().delete("employees", 10, 14, at);
    sandbox.dataset().delete("employees", 200, 200, at);
    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
    assertWarehouseEqualsSandbox();
    assertThat(TestPostgres.strings("SELECT id FROM " + dst + ".employees WHERE _tributary_deleted AND id IN"
        + " ('11','12','13','14','15','201') ORDER BY id")).containsExactly("11", "12", "13", "14", "15", "201");
  }

  private void assertWarehouseEqualsSandbox() throws Exception {
    List<String> live = sandbox.dataset().rows("employees").filter(r -> !r.deleted())
        .map(BambooHrDeletesToPostgresJobIT::id).sorted().toList();
    List<String> deleted = sandbox.dataset().rows("employees").filter(RowState::deleted)
        .map(BambooHrDeletesToPostgresJobIT::id).sorted().toList();
    assertThat(TestPostgres.strings("SELECT id FROM " + dst + ".employees WHERE NOT _tributary_deleted"))
        .containsExactlyInAnyOrderElementsOf(live);
    assertThat(TestPostgres.strings("SELECT id FROM " + dst + ".employees WHERE _tributary_deleted"))
        .containsExactlyInAnyOrderElementsOf(deleted);
  }

  private static String id(RowState r) {
    return Long.toString(r.index() + 1);
  }
}
