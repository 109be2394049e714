package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotAssociations;
import io.tributary.sandbox.hubspot.HubSpotCatalog;
import io.tributary.sandbox.hubspot.HubSpotOwners;
import io.tributary.sandbox.hubspot.HubSpotRoutes;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import io.tributary.testsupport.TestPostgres;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real CLI: the HubSpot simulator (started here, so the test changes its data between runs)
 * → PostgreSQL, compared with the simulator's ground truth row by row. Covers owners, the deal→company and
 * deal→contact link tables, and a resumed incremental run that must pick up what changed while it was down.
 */
@Tag("db")
@Tag("sandbox")
class HubSpotToPostgresJobIT {

  @TempDir
  Path dir;

  private SandboxServer sandbox;
  private HubSpotRoutes routes;
  private String dst;
  private CliRunner cli;

  @BeforeEach
  void setUp() {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows(300).withRows("contacts", 1_500).withRows("deals", 1_200).withRows("owners", 30)
        .withSetting("hubspot.enforce_limits", "false"));
    routes = sandbox.routes(HubSpotRoutes.class);
    dst = TestPostgres.freshSchema("hs");
    cli = new CliRunner(dir.resolve("state"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Path job(String name, String streams) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), HubSpotSandboxSettings.PRIVATE_APP_TOKEN);
    return Files.writeString(dir.resolve(name + ".yml"), """
        source:
          type: hubspot
          base_url: "%s"
          access_token: "${file:%s}"
          search_index_lag: 0s
          search_requests_per_second: 0    # no client caps: the simulator's limits are off (enforce_limits)
          requests_per_ten_seconds: 0
          http: { initial_backoff: 50ms }
        sink: { type: postgres, url: "%s", user: %s, schema: %s }
        chunk_size: 100
        streams:
        %s""".formatted(sandbox.baseUrl(), token, TestPostgres.url(), TestPostgres.user(), dst, streams.indent(2)));
  }

  @Test
  void ownersAndLinkTablesMatchTheSandboxAfterAFullAndAnIncrementalRun() throws Exception {
    Path job = job("links", """
        - { name: owners, primary_key: [id], cursor: [updatedAt] }
        - { name: deals, primary_key: [id], cursor: [hs_lastmodifieddate], options: { properties: [dealname] } }
        - { name: deals_to_companies, primary_key: [from_id, to_id, type_id], mode: replace }
        - { name: deals_to_contacts, primary_key: [from_id, to_id, type_id], mode: replace }
        """);
    CliRunner.Result first = cli.run("run", job.toString());
    assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
    assertOwnersEqualSandbox();
    assertLinksEqualSandbox("deals_to_companies", "companies");
    assertLinksEqualSandbox("deals_to_contacts", "contacts");

    Instant at = sandbox.clock().now();
    sandbox.dataset().touch("deals", 10, 59, at);          // new versions: new links
    sandbox.dataset().delete("deals", 100, 104, at);       // archived deals lose their links
    sandbox.dataset().delete("companies", 3, 3, at);       // links to an archived company go too
    sandbox.dataset().touch("owners", 2, 4, at);           // team changes
    sandbox.dataset().delete("owners", 7, 7, at);          // a deactivated user

    CliRunner.Result second = cli.run("run", job.toString());
    assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
    assertOwnersEqualSandbox();
    assertThat(TestPostgres.strings("SELECT id FROM " + dst + ".owners WHERE _tributary_deleted"))
        .containsExactly(HubSpotOwners.TYPE.id(7));
    assertLinksEqualSandbox("deals_to_companies", "companies");
    assertLinksEqualSandbox("deals_to_contacts", "contacts");
  }

  @Test
  void aResumedIncrementalRunReadsTheChangesMadeWhileItWasDown() throws Exception {
    Path job = job("resume", """
        - { name: contacts, primary_key: [id], cursor: [lastmodifieddate], lookback: 0s,
            options: { properties: [email, lifecyclestage, lastmodifieddate] } }
        """);
    assertThat(cli.run("run", job.toString()).exitCode()).isEqualTo(0);
    sandbox.dataset().touch("contacts", 0, 599, sandbox.clock().now());
    Thread.sleep(5);

    CliRunner.Result failed = cli.run("run", job.toString(), "--fail-after-chunks", "2");
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    long loaded = Long.parseLong(TestPostgres.strings("SELECT count(*) FROM " + dst + ".contacts WHERE lastmodifieddate >"
        + " now() - interval '1 hour'").get(0));
    assertThat(loaded).as("the failed run committed 2 of 6 chunks of changes").isEqualTo(200);

    // While the run is down: changes to rows it already loaded, to rows it has yet to read, and to rows outside
    // its window. All carry stamps after the window's original end.
    Thread.sleep(5);
    Instant down = sandbox.clock().now();
    sandbox.dataset().touch("contacts", 0, 9, down);
    sandbox.dataset().touch("contacts", 590, 599, down);
    sandbox.dataset().touch("contacts", 1_000, 1_009, down);
    Thread.sleep(5);

    CliRunner.Result resumed = cli.run("run", job.toString());
    assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(0);
    assertThat(resumed.output()).contains("Resuming");
    assertContactsEqualSandbox();
    assertThat(TestPostgres.strings("SELECT count(*) FROM " + dst + ".contacts WHERE (extract(epoch from lastmodifieddate) * 1000)"
        + "::bigint = " + down.toEpochMilli())).as("the 30 rows changed during the downtime").containsExactly("30");
  }

  /**
   * A chunk of 250 contacts spans pages of 100, so when a later page fails for good (a 500 and no retry), the chunk's
   * first rows are already in a COPY under way on the sink ({@code TableWriter.offer}): the chunk rolls back with it,
   * the run exits 1 having committed whole chunks only, and running it again until it completes loads every contact
   * exactly once.
   */
  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPageFailingInTheMiddleOfAChunkRollsBackItsRowsAlreadyStreamingToTheSink() throws Exception {
    Path job = contactsInChunksOf250("midchunk", "500:30%,retry-after:0s");
    Files.writeString(job, Files.readString(job)
        .replace("http: { initial_backoff: 50ms }", "http: { initial_backoff: 50ms, max_attempts: 1 }"));
    int failed = 0;
    int failedMidChunk = 0;
    Pattern counts = Pattern.compile("contacts +merge +([0-9,]+) +([0-9,]+)");
    CliRunner.Result run = cli.run("run", job.toString());
    while (run.exitCode() == 1 && failed < 200) {
      failed++;
      Matcher m = counts.matcher(run.output());
      assertThat(m.find()).as(run.output()).isTrue();
      long read = Long.parseLong(m.group(1).replace(",", ""));
      long written = Long.parseLong(m.group(2).replace(",", ""));
      assertThat(written % 250).as("a failed run commits whole chunks only:%n%s", run.output()).isZero();
      if (read % 250 != 0) {
        failedMidChunk++;
      }
      run = cli.run("run", job.toString());
    }
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
    assertThat(failedMidChunk).as("runs that failed on an injected 500 after reading part of a chunk").isPositive();
    assertContactsEqualSandbox();
  }

  /**
   * Pages that now and then arrive slowly (300 ms on 30% of requests): the step stops offering rows while chunks are
   * read after its first slow page, in the middle of a chunk whose first rows were already offered. That chunk is
   * loaded whole at its write instead, and so are the chunks after it: every contact lands once.
   */
  @Test
  void slowPagesStopTheLoadWhileReadingAndEveryRowStillLandsOnce() throws Exception {
    Path job = contactsInChunksOf250("slow", "slow:300ms@30%");
    CliRunner.Result run = cli.run("run", job.toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
    assertThat(sandbox.faultLog()).as("slow pages were served").isNotEmpty();
    assertContactsEqualSandbox();
  }

  /** The sandbox started again with {@code faults}, and a contacts job in chunks of 250 (pages hold 100). */
  private Path contactsInChunksOf250(String name, String faults) throws Exception {
    sandbox.close();
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows(300).withRows("contacts", 1_500).withFaults(faults)
        .withSetting("hubspot.enforce_limits", "false"));
    routes = sandbox.routes(HubSpotRoutes.class);
    Path job = job(name, """
        - { name: contacts, primary_key: [id], cursor: [lastmodifieddate], lookback: 0s,
            options: { properties: [email, lifecyclestage, lastmodifieddate] } }
        """);
    return Files.writeString(job, Files.readString(job).replace("chunk_size: 100", "chunk_size: 250"));
  }

  private void assertContactsEqualSandbox() throws SQLException {
    HubSpotCatalog.ObjectType type = routes.records().catalog().object("contacts");
    List<String> expected = new ArrayList<>();
    sandbox.dataset().rows("contacts").filter(r -> !r.deleted()).forEach(r -> {
      Map<String, String> p = routes.records().properties(r);
      expected.add(type.id(r.index()) + "|" + p.get("lifecyclestage") + "|" + r.modifiedAt().toEpochMilli());
    });
    assertThat(TestPostgres.strings("SELECT id || '|' || lifecyclestage || '|' || (extract(epoch from lastmodifieddate) * 1000)"
        + "::bigint FROM " + dst + ".contacts")).containsExactlyInAnyOrderElementsOf(expected);
  }

  private void assertOwnersEqualSandbox() throws SQLException {
    List<String> expected = new ArrayList<>();
    sandbox.dataset().rows("owners").forEach(r -> {
      Map<String, Object> o = routes.owners().owner(r, false);
      // A deactivated owner comes back with userId null. Its record carries values, so the soft delete takes them
      // like an update (the sinks' merge rule, docs/reliability.md): the row's user_id becomes null, as at HubSpot.
      Object userId = o.get("userId");
      expected.add(o.get("id") + "|" + o.get("email") + "|" + userId + "|" + o.get("archived") + "|"
          + teamIds(o.get("teams")) + "|" + r.modifiedAt().toEpochMilli());
    });
    assertThat(TestPostgres.strings("SELECT id || '|' || email || '|' || coalesce(user_id::text, 'null') || '|' || archived"
        + " || '|' || coalesce((SELECT string_agg(t->>'id', ',' ORDER BY ord) FROM jsonb_array_elements(teams::jsonb)"
        + " WITH ORDINALITY AS x(t, ord)), '') || '|' || (extract(epoch from updated_at) * 1000)::bigint FROM " + dst
        + ".owners")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @SuppressWarnings("unchecked")
  private static String teamIds(Object teams) {
    if (teams == null) {
      return "";
    }
    return String.join(",", ((List<Map<String, Object>>) teams).stream().map(t -> (String) t.get("id")).toList());
  }

  private void assertLinksEqualSandbox(String table, String to) throws SQLException {
    HubSpotCatalog.ObjectType deals = routes.records().catalog().object("deals");
    List<String> expected = new ArrayList<>();
    sandbox.dataset().rows("deals").filter(r -> !r.deleted()).forEach((RowState r) -> {
      for (HubSpotAssociations.Link link : routes.associations().of(r, to)) {
        for (HubSpotAssociations.Type t : link.types()) {
          expected.add(deals.id(r.index()) + "|" + link.toId() + "|" + t.typeId() + "|" + t.category() + "|"
              + t.label());
        }
      }
    });
    assertThat(expected).as("the sandbox links deals to " + to).hasSizeGreaterThan(500);
    assertThat(TestPostgres.strings("SELECT from_id || '|' || to_id || '|' || type_id || '|' || category || '|' ||"
        + " coalesce(label, 'null') FROM " + dst + "." + table)).containsExactlyInAnyOrderElementsOf(expected);
  }

}
