package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.salesforce.SalesforceRecords;
import io.tributary.sandbox.salesforce.SalesforceRoutes;
import io.tributary.sandbox.salesforce.SalesforceSandbox;
import io.tributary.sandbox.salesforce.SalesforceSandboxSettings;
import io.tributary.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real CLI: the Salesforce simulator (started here, so the test can change its data between
 * runs) → PostgreSQL. Run 1 reads 3,000 Opportunities with Bulk API 2.0 (above bulk_threshold) and Users with REST;
 * run 2 is incremental and reads only the 18 changed rows (REST, below the threshold), deletes via queryAll becoming
 * soft deletes. The warehouse is compared with the simulator's ground truth row by row.
 */
@Tag("db")
@Tag("sandbox")
class SalesforceToPostgresJobIT {

  @TempDir
  Path dir;

  private SandboxServer sandbox;
  private String dst;
  private Path job;
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(SalesforceSandbox.platform())
        .withRows(200).withRows("Opportunity", 3000).withRows("User", 40));
    dst = TestPostgres.freshSchema("sf");
    SalesforceSandboxSettings creds = SalesforceSandboxSettings.from(sandbox.options());
    Path secret = Files.writeString(dir.resolve("client_secret"), creds.clientSecret());
    job = Files.writeString(dir.resolve("sfdc.yml"), """
        source:
          type: salesforce
          login_host: "%s"
          api_version: "62.0"
          bulk_threshold: 1000
          auth: { type: client_credentials, client_id: "%s", client_secret: "${file:%s}" }
          http: { initial_backoff: 50ms }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 500
        streams:
          - name: opportunities
            primary_key: [Id]
            cursor: [SystemModstamp]
            options:
              object: Opportunity
              include_deleted: true
              fields: [Id, Name, StageName, Amount, CloseDate, Owner.Name, IsDeleted, SystemModstamp]
          - name: users
            primary_key: [Id]
            cursor: [SystemModstamp]
            options: { object: User, fields: [Id, Name, IsActive, SystemModstamp] }
        """.formatted(sandbox.baseUrl(), creds.clientId(), secret, TestPostgres.url(), TestPostgres.user(), dst));
    cli = new CliRunner(dir.resolve("state"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void fullThenIncrementalRunMatchesTheSandboxGroundTruth() throws Exception {
    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
    assertThat(first.output()).containsPattern("opportunities\\s+merge\\s+3,000\\s+3,000\\s+0\\s");
    assertWarehouseEqualsSandbox();
    long callsAfterFirst = sandbox.routes(SalesforceRoutes.class).apiUsage();

    Instant at = Instant.parse("2024-03-01T00:00:00Z");
    sandbox.dataset().touch("Opportunity", 100, 109, at);
    sandbox.dataset().delete("Opportunity", 7, 9, at.plusSeconds(1));
    sandbox.dataset().add("Opportunity", 5, at.plusSeconds(2));

    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
    assertThat(second.output()).containsPattern("opportunities\\s+merge\\s+18\\s+18\\s+0\\s")
        .containsPattern("users\\s+merge\\s+0\\s+0\\s+0\\s");
    assertWarehouseEqualsSandbox();
    assertThat(TestPostgres.strings("SELECT id FROM " + dst + ".opportunities WHERE _tributary_deleted ORDER BY id"))
        .containsExactly(ids(7, 8, 9).toArray(String[]::new));
    // Run 2: token, 2 describes, 2 COUNT()s and one query per stream; no Bulk job for 18 rows.
    assertThat(sandbox.routes(SalesforceRoutes.class).apiUsage() - callsAfterFirst).isLessThanOrEqualTo(8);
  }

  @Test
  void nearTheDailyQuotaTheRunStopsCleanlyWithItsCursorSaved() throws Exception {
    try (SandboxServer limited = SandboxServer.start(SandboxOptions.defaults().withPlatform(SalesforceSandbox.platform())
        .withRows(200).withRows("Opportunity", 3000).withRows("User", 40).withDailyLimit(24))) {
      String limitedJob = Files.readString(job).replace(sandbox.baseUrl(), limited.baseUrl())
          .replace("bulk_threshold: 1000", "bulk_threshold: 100000\n  quota_stop_share: 0.5")
          .replace("chunk_size: 500", "chunk_size: 200");
      Path file = Files.writeString(dir.resolve("quota.yml"), limitedJob);
      CliRunner.Result r = new CliRunner(dir.resolve("quota-state")).run("run", file.toString());
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.output()).contains("quota").contains("restartable");
      long loaded = Long.parseLong(TestPostgres.strings("SELECT count(*) FROM " + dst + ".opportunities").get(0));
      assertThat(loaded).as("it stopped before reading everything, keeping what it committed").isBetween(1L, 2999L);
      assertThat(limited.routes(SalesforceRoutes.class).apiUsage()).as("it did not burn the last calls")
          .isLessThan(24);
    }
  }

  private List<String> ids(long... indexes) {
    List<String> out = new ArrayList<>();
    for (long i : indexes) {
      out.add(io.tributary.sandbox.salesforce.SalesforceSchema.object("Opportunity").id(i));
    }
    return out;
  }

  private void assertWarehouseEqualsSandbox() throws SQLException {
    SalesforceRecords truth = sandbox.routes(SalesforceRoutes.class).records();
    List<String> expected = new ArrayList<>();
    sandbox.dataset().rows("Opportunity").sorted(java.util.Comparator.comparing(
        (RowState r) -> (String) truth.record(r).get("Id"))).forEach(r -> {
          Map<String, Object> rec = truth.record(r);
          Map<String, Object> owner = truth.parent(rec,
              io.tributary.sandbox.salesforce.SalesforceSchema.object("Opportunity").relationship("Owner"));
          expected.add(rec.get("Id") + "|" + rec.get("Name") + "|" + rec.get("StageName") + "|"
              + (rec.get("Amount") == null ? "" : ((BigDecimal) rec.get("Amount")).setScale(2).toPlainString()) + "|"
              + rec.get("CloseDate") + "|" + (owner == null ? "" : owner.get("Name")) + "|" + r.deleted() + "|"
              + ((Instant) rec.get("SystemModstamp")).toEpochMilli());
        });
    List<String> warehouse = TestPostgres.strings("SELECT id || '|' || name || '|' || stage_name || '|' || coalesce(amount::text,"
        + " '') || '|' || close_date || '|' || coalesce(owner_name, '') || '|' || _tributary_deleted || '|' ||"
        + " (extract(epoch from system_modstamp) * 1000)::bigint FROM " + dst + ".opportunities ORDER BY id COLLATE \"C\"");
    assertThat(warehouse).hasSize(expected.size()).containsExactlyElementsOf(expected);
    assertThat(TestPostgres.strings("SELECT count(*) FROM " + dst + ".users")).containsExactly("40");
  }

}
