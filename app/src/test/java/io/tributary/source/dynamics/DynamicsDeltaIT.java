package io.tributary.source.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.cli.TestCommandLine;
import io.tributary.core.Cursor;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.dynamics.DynamicsCatalog;
import io.tributary.sandbox.dynamics.DynamicsSandbox;
import io.tributary.sandbox.dynamics.DynamicsSandboxSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Change tracking end to end: a full load with {@code Prefer: odata.track-changes}, then sandbox touches, adds and
 * deletes, then the stored delta link returns exactly those changes (deletes as soft deletes); an expired delta link
 * falls back to a full reload with a WARN line; and the same through the real CLI into DuckDB.
 */
@Tag("sandbox")
class DynamicsDeltaIT {

  private static final DynamicsCatalog.Table ACCOUNT = DynamicsCatalog.byLogicalName("account");

  private static SandboxServer sandbox(long rows) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(DynamicsSandbox.platform())
        .withRows("account", rows).withRows(1));
  }

  private static Set<String> ids(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(ACCOUNT::id).collect(Collectors.toSet());
  }

  private static Set<String> keys(List<SourceRecord> records, boolean deleted) {
    return records.stream().filter(r -> r.deleted() == deleted).map(r -> (String) r.fields().get("accountid"))
        .collect(Collectors.toSet());
  }

  /** Moves the sandbox clock on, then returns the instant the changes are stamped with. */
  private static Instant later(SandboxServer sb) {
    sb.clock().advance(Duration.ofMinutes(1));
    return sb.clock().now();
  }

  @Test
  void theDeltaLinkReturnsExactlyTheChangesWithDeletesAsSoftDeletes() {
    try (SandboxServer sb = sandbox(1_000);
        Source source = DynamicsTestSources.source(sb, "drop")) {
      DynamicsReads.Result full = DynamicsReads.tracked(source, "account", Cursor.START, 200);
      assertThat(keys(full.records(), false)).isEqualTo(ids(0, 999));
      assertThat(full.pages()).isEqualTo(5);
      assertThat(full.watermark().get(DynamicsStreamReader.WATERMARK)).contains("$deltatoken=");

      Instant at = later(sb);
      sb.dataset().touch("account", 100, 109, at);
      sb.dataset().delete("account", 200, 204, at);
      long added = sb.dataset().add("account", 3, at);
      sb.clock().advance(Duration.ofSeconds(1));

      DynamicsReads.Result delta = DynamicsReads.tracked(source, "account", full.watermark(), 200);
      Set<String> changed = ids(100, 109);
      changed.addAll(ids(added, added + 2));
      assertThat(keys(delta.records(), false)).isEqualTo(changed);
      assertThat(keys(delta.records(), true)).isEqualTo(ids(200, 204));
      assertThat(delta.records()).hasSize(18);
      String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(at);
      assertThat(delta.records().stream().filter(r -> !r.deleted()))
          .allSatisfy(r -> assertThat(r.fields()).containsEntry("modifiedon", stamp));
      assertThat(delta.records().stream().filter(SourceRecord::deleted))
          .allSatisfy(r -> assertThat(r.fields()).containsOnlyKeys("accountid"));
      // New or updated rows come first, deleted ones last (change tracking doc).
      assertThat(delta.records().subList(13, 18)).allMatch(SourceRecord::deleted);
      assertThat(delta.watermark()).isNotEqualTo(full.watermark());

      DynamicsReads.Result none = DynamicsReads.tracked(source, "account", delta.watermark(), 200);
      assertThat(none.records()).isEmpty();
      assertThat(none.pages()).isEqualTo(1);
    }
  }

  @Test
  void aDeltaLargerThanAPageIsPagedWithNextLinks() {
    try (SandboxServer sb = sandbox(600);
        Source source = DynamicsTestSources.source(sb, "drop")) {
      DynamicsReads.Result full = DynamicsReads.tracked(source, "account", Cursor.START, 100);
      Instant at = later(sb);
      sb.dataset().touch("account", 0, 249, at);
      sb.dataset().delete("account", 300, 449, at);
      sb.clock().advance(Duration.ofSeconds(1));
      DynamicsReads.Result delta = DynamicsReads.tracked(source, "account", full.watermark(), 100);
      assertThat(delta.pages()).isEqualTo(4);
      assertThat(keys(delta.records(), false)).isEqualTo(ids(0, 249));
      assertThat(keys(delta.records(), true)).isEqualTo(ids(300, 449));
      assertThat(delta.records()).hasSize(400);
    }
  }

  @Test
  void anExpiredDeltaLinkFallsBackToAFullReloadWithAWarning() {
    Logger logger = (Logger) LoggerFactory.getLogger(DynamicsStreamReader.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (SandboxServer sb = sandbox(500);
        Source source = DynamicsTestSources.source(sb, "drop")) {
      DynamicsReads.Result full = DynamicsReads.tracked(source, "account", Cursor.START, 200);
      sb.dataset().delete("account", 0, 9, later(sb));
      // Older than the sandbox's change-tracking retention (30 days by default).
      sb.clock().advance(Duration.ofDays(31));
      DynamicsReads.Result reload = DynamicsReads.tracked(source, "account", full.watermark(), 200);
      assertThat(keys(reload.records(), false)).isEqualTo(ids(10, 499));
      assertThat(keys(reload.records(), true)).isEmpty();
      assertThat(reload.watermark().get(DynamicsStreamReader.WATERMARK)).contains("$deltatoken=")
          .isNotEqualTo(full.watermark().get(DynamicsStreamReader.WATERMARK));
      assertThat(appender.list).anySatisfy(e -> {
        assertThat(e.getLevel()).isEqualTo(Level.WARN);
        assertThat(e.getFormattedMessage()).contains("account", "expired", "full reload");
      });
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void theCliLoadsThenAppliesTheDeltaWithDeletedRowsFlagged(@TempDir Path dir) throws Exception {
    try (SandboxServer sb = sandbox(300)) {
      Path secret = Files.writeString(dir.resolve("secret"), DynamicsSandboxSettings.CLIENT_SECRET);
      Path db = dir.resolve("dyn.duckdb");
      String yaml = """
          description: dataverse delta test
          source:
            type: dynamics365
            org_url: %1$s
            authority_url: %1$s
            tenant_id: %2$s
            client_id: %3$s
            client_secret: "${file:%4$s}"
            requests_per_five_minutes: 0
            http: { initial_backoff: 50ms, max_backoff: 2s }
          sink:
            type: duckdb
            path: %5$s
            schema: crm
          streams:
            - name: account
              primary_key: [accountid]
              cursor: [modifiedon]
              lookback: 0s
          """.formatted(sb.baseUrl(), DynamicsSandboxSettings.TENANT_ID, DynamicsSandboxSettings.CLIENT_ID,
          secret.toAbsolutePath(), db.toAbsolutePath());
      Path job = Files.writeString(dir.resolve("dyn.yml"), yaml);

      assertThat(cli(dir, job)).isZero();
      assertThat(query(db, "SELECT count(*) FROM crm.account")).containsExactly("300");

      Instant at = later(sb);
      sb.dataset().delete("account", 40, 44, at);
      sb.dataset().touch("account", 50, 51, at);
      long added = sb.dataset().add("account", 2, at);
      sb.clock().advance(Duration.ofSeconds(1));

      assertThat(cli(dir, job)).isZero();
      assertThat(query(db, "SELECT count(*) FROM crm.account")).containsExactly("302");
      assertThat(new HashSet<>(query(db, "SELECT accountid FROM crm.account WHERE _tributary_deleted")))
          .isEqualTo(ids(40, 44));
      assertThat(query(db, "SELECT count(*) FROM crm.account WHERE NOT _tributary_deleted")).containsExactly("297");
      assertThat(new HashSet<>(query(db, "SELECT accountid FROM crm.account WHERE modifiedon = TIMESTAMP '"
          + at.toString().replace("T", " ").replace("Z", "").substring(0, 19) + "'")))
          .containsAll(ids(50, 51)).containsAll(ids(added, added + 1));
    }
  }

  private static int cli(Path dir, Path job) {
    System.setProperty("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("repository").toAbsolutePath()
        + ";WRITE_DELAY=0");
    System.setProperty("tributary.state-dir", dir.resolve("state").toString());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    try {
      int code = TestCommandLine.execute(out, out, "run", job.toString());
      System.out.println(buffer.toString(StandardCharsets.UTF_8));
      return code;
    } finally {
      System.clearProperty("spring.datasource.url");
      System.clearProperty("tributary.state-dir");
    }
  }

  private static List<String> query(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}
