package io.tributary.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.http.HttpCall;
import io.tributary.http.HttpSettings;
import io.tributary.http.ResilientHttpClient;
import io.tributary.auth.BearerTokenAuth;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Incremental search past HubSpot's 10,000-results-per-query cap, against the simulator that enforces it. */
@Tag("sandbox")
class HubSpotSearchWindowsIT {

  private static final Instant BULK_UPDATE = Instant.parse("2025-03-04T05:06:07.891Z");

  /**
   * Reads to the end, letting a second of the simulator's time pass after each page: the pace HubSpot allows (5
   * searches a second), without waiting for it in real time.
   */
  private static List<SourceRecord> readIncremental(SandboxServer sandbox, Source source, String object,
      Instant since, Map<String, Object> options) {
    ReadRequest req = new ReadRequest(object, options, List.of("id"), List.of("lastmodifieddate"),
        Cursor.of(HubSpotStreamReader.WATERMARK, Long.toString(since.toEpochMilli())), Duration.ZERO, 200);
    List<SourceRecord> out = new ArrayList<>();
    try (StreamReader reader = source.open(req)) {
      Cursor c = Cursor.START;
      while (true) {
        Page p = reader.read(c);
        sandbox.clock().advance(Duration.ofSeconds(1));
        out.addAll(p.records());
        if (p.done()) {
          assertThat(p.watermark().get(HubSpotStreamReader.WATERMARK)).isNotNull();
          return out;
        }
        c = p.next();
      }
    }
  }

  @Test
  void twentyFiveThousandChangesInOneMillisecondAreAllReadOnce() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows("contacts", 30_000).withRows(1));
        Source source = HubSpotTestSources.privateApp(sandbox)) {
      sandbox.dataset().touch("contacts", 0, 24_999, BULK_UPDATE);
      // The sandbox really sorts hs_object_id as text: ids 901..925,864 cross 3 to 6 digits.
      assertThat(HubSpotTestSources.type(sandbox, "contacts").id(24_999)).isEqualTo(Long.toString(901 + 37 * 24_999L));

      List<SourceRecord> records = readIncremental(sandbox, source, "contacts", BULK_UPDATE.minusSeconds(3600),
          Map.of("include_archived", false));

      Set<String> expected = HubSpotTestSources.ids(sandbox, "contacts",
          r -> !r.modifiedAt().isBefore(BULK_UPDATE.minusSeconds(3600)));
      assertThat(expected).hasSize(25_000);
      List<String> ids = records.stream().map(r -> (String) r.fields().get("id")).toList();
      assertThat(ids).as("no record twice").doesNotHaveDuplicates();
      assertThat(new HashSet<>(ids)).isEqualTo(expected);
      assertThat(records).allSatisfy(r ->
          assertThat(r.fields().get("lastmodifieddate")).isEqualTo("2025-03-04T05:06:07.891Z"));
    }
  }

  @Test
  void theSandboxRejectsPagingPastTenThousandAndSortsIdsAsText() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows("contacts", 12_000).withRows(1))) {
      ResilientHttpClient http = ResilientHttpClient.builder(HttpSettings.defaults("hubspot-t",
          URI.create(sandbox.baseUrl())).withRetry(1, Duration.ofMillis(10), Duration.ofMillis(10)))
          .auth(new BearerTokenAuth(HubSpotSandboxSettings.PRIVATE_APP_TOKEN)).classifier(new HubSpotErrors()).build();
      String past = http.sendForText(HttpCall.post("/crm/v3/objects/contacts/search")
          .json("{\"limit\":10,\"after\":\"9995\"}"));
      assertThat(past).contains("\"total\":12000");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.sendForText(
          HttpCall.post("/crm/v3/objects/contacts/search").json("{\"limit\":10,\"after\":\"10000\"}")))
          .hasMessageContaining("400").hasMessageContaining("10000");
      String sorted = http.sendForText(HttpCall.post("/crm/v3/objects/contacts/search").json(
          "{\"limit\":3,\"properties\":[],\"sorts\":[{\"propertyName\":\"hs_object_id\",\"direction\":\"ASCENDING\"}]}"));
      // As text "1000012" < "100023" < "1000160" ... while numerically 901 is the smallest id.
      assertThat(sorted).doesNotContain("\"id\":\"901\"");
    }
  }

  @Test
  void manyCustomPropertiesSearchByIdThenBatchRead() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows("companies", 1_000).withRows(1).withSetting("hubspot.custom_properties", "150"));
        Source source = HubSpotTestSources.privateApp(sandbox)) {
      Instant at = Instant.parse("2025-01-02T03:04:05.006Z");
      sandbox.dataset().touch("companies", 100, 449, at);
      assertThat(source.discover("companies", Map.of()).columnNames()).contains("tributary_custom_150", "annualrevenue");
      List<SourceRecord> records = readIncremental(sandbox, source, "companies", at.minusSeconds(1), Map.of());
      assertThat(records.stream().map(r -> (String) r.fields().get("id")).toList()).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(HubSpotTestSources.ids(sandbox, "companies",
              r -> r.modifiedAt().equals(at)));
      Map<String, String> truth = sandbox.routes(io.tributary.sandbox.hubspot.HubSpotRoutes.class).records()
          .properties(sandbox.dataset().row("companies", 100));
      SourceRecord first = records.stream().filter(r -> r.fields().get("id").equals(truth.get("hs_object_id")))
          .findFirst().orElseThrow();
      assertThat(first.fields().get("tributary_custom_150")).isEqualTo(truth.get("tributary_custom_150"));
      assertThat(first.fields().get("name")).isEqualTo(truth.get("name"));
    }
  }
}
