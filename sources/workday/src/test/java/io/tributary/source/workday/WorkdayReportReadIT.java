package io.tributary.source.workday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.RefreshTokenAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.workday.WorkdaySandbox;
import io.tributary.sandbox.workday.WorkdaySandboxSettings;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Workday RaaS reads against the simulator: the date-range prompt, bad credentials, an unknown report, OAuth. */
@Tag("sandbox")
class WorkdayReportReadIT {

  private static SandboxServer start(long rows, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(WorkdaySandbox.platform())
        .withRows(WorkdaySandboxSettings.OBJECT, rows).withFaults(faults));
  }

  @Test
  void aReportWithADateRangePromptIsReadIncrementally() {
    try (SandboxServer sandbox = start(500, "none")) {
      sandbox.clock().stop();
      Map<String, String> table = new TreeMap<>();
      Cursor[] watermark = new Cursor[1];
      try (WorkdaySource source = WorkdayTestSources.source(sandbox, WorkdaySandboxSettings.ISU_PASSWORD)) {
        List<SourceRecord> first = WorkdayTestSources.read(source, WorkdayTestSources.REPORT, Cursor.START,
            watermark);
        assertThat(first).hasSize(500);
        WorkdayTestSources.merge(table, first);
      }
      assertThat(table).isEqualTo(WorkdayTestSources.truth(sandbox));
      String today = sandbox.clock().now().atZone(ZoneOffset.UTC).toLocalDate().toString();
      assertThat(watermark[0].get("to_date")).isEqualTo(today);

      sandbox.dataset().touch(WorkdaySandboxSettings.OBJECT, 100, 149, sandbox.clock().now());
      sandbox.dataset().delete(WorkdaySandboxSettings.OBJECT, 200, 204, sandbox.clock().now());
      sandbox.dataset().add(WorkdaySandboxSettings.OBJECT, 10, sandbox.clock().now());
      try (WorkdaySource source = WorkdayTestSources.source(sandbox, WorkdaySandboxSettings.ISU_PASSWORD)) {
        List<SourceRecord> second = WorkdayTestSources.read(source, WorkdayTestSources.REPORT, watermark[0],
            watermark);
        // From_Date = the last to-date: only the 50 updated, 5 terminated and 10 hired workers changed today
        assertThat(second).hasSize(65);
        WorkdayTestSources.merge(table, second);
      }
      assertThat(table).hasSize(510).isEqualTo(WorkdayTestSources.truth(sandbox));
    }
  }

  @Test
  void aWrongIsuPasswordFailsWithExit2NamingTheCredential() {
    try (SandboxServer sandbox = start(50, "none");
        WorkdaySource source = WorkdayTestSources.source(sandbox, "wrong-password")) {
      assertThatThrownBy(() -> WorkdayTestSources.read(source, WorkdayTestSources.REPORT, Cursor.START,
          new Cursor[1])).isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.kind().exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("ISU_Tributary/Workers_Changed").contains("401");
            assertThat(e.hint()).contains("username").contains("password");
          });
    }
  }

  @Test
  void anUnknownReportFailsWithExit2NamingTheReport() {
    try (SandboxServer sandbox = start(50, "none");
        WorkdaySource source = WorkdayTestSources.source(sandbox, WorkdaySandboxSettings.ISU_PASSWORD)) {
      Map<String, Object> options = Map.of("owner", WorkdaySandboxSettings.OWNER, "report", "Workers_Chnged");
      assertThatThrownBy(() -> WorkdayTestSources.read(source, options, Cursor.START, new Cursor[1]))
          .isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
            assertThat(e.getMessage()).contains("ISU_Tributary/Workers_Chnged");
            assertThat(e.hint()).contains("options.report");
          });
    }
  }

  @Test
  void anApiClientReadsWithARefreshToken() {
    try (SandboxServer sandbox = start(120, "none")) {
      WorkdayConfig config = WorkdayTestSources.isu(sandbox, null);
      RefreshTokenAuth auth = new RefreshTokenAuth(TokenEndpoint.create("workday-oauth",
          URI.create(sandbox.baseUrl() + WorkdaySandboxSettings.tokenPath())), WorkdaySandboxSettings.CLIENT_ID,
          WorkdaySandboxSettings.CLIENT_SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC,
          WorkdaySandboxSettings.REFRESH_TOKEN, new io.tributary.auth.RefreshTokenStore() {
            @Override
            public Optional<String> load(String key) {
              return Optional.empty();
            }

            @Override
            public void save(String key, String refreshToken) {}
          }, "test");
      WorkdayConfig oauth = new WorkdayConfig(config.host(), config.tenant(), null, null, "id", null, null, null,
          config.http());
      try (WorkdaySource source = new WorkdaySource(oauth, auth, Clock.fixed(sandbox.clock().now(),
          ZoneOffset.UTC))) {
        Map<String, String> table = new TreeMap<>();
        WorkdayTestSources.merge(table, WorkdayTestSources.read(source, WorkdayTestSources.REPORT, Cursor.START,
            new Cursor[1]));
        assertThat(table).isEqualTo(WorkdayTestSources.truth(sandbox));
      }
    }
  }
}
