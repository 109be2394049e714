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
import io.tributary.sandbox.hubspot.HubSpotCatalog;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

  /**
   * Search pages by offset, so a record read on an earlier page that changes (or is archived) while its window is
   * paged leaves the result set and moves every later record up one place. Generated over the page after which the
   * change happens, how many records change and how (modified past the window's end, or archived): every record of
   * the window is read exactly once, and the next run reads the modified ones again.
   */
  @Test
  void recordsChangedWhileTheirWindowIsPagedCostNoOtherRecord() {
    int cases = 0;
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
        .withRows("contacts", 3_000).withRows(1));
        Source source = HubSpotTestSources.privateApp(sandbox)) {
      HubSpotCatalog.ObjectType type = HubSpotTestSources.type(sandbox, "contacts");
      Map<String, Long> index = new HashMap<>();
      for (long i = 0; i < 3_000; i++) {
        index.put(type.id(i), i);
      }
      for (int after : new int[] {1, 4, 13}) {
        for (int changed : new int[] {1, 7, 200}) {
          for (boolean archive : new boolean[] {false, true}) {
            changeWhilePaging(sandbox, source, index, after, changed, archive);
            cases++;
          }
        }
      }
    }
    assertThat(cases).isEqualTo(18);
  }

  private static void changeWhilePaging(SandboxServer sandbox, Source source, Map<String, Long> index, int after,
      int changed, boolean archive) {
    String label = (archive ? "archived " : "modified ") + changed + " read records after page " + after;
    Instant since = Instant.parse("2000-01-01T00:00:00Z");
    Set<String> window = HubSpotTestSources.ids(sandbox, "contacts", r -> !r.deleted());
    ReadRequest req = new ReadRequest("contacts", Map.of("include_archived", false), List.of("id"),
        List.of("lastmodifieddate"), Cursor.of(HubSpotStreamReader.WATERMARK, Long.toString(since.toEpochMilli())),
        Duration.ZERO, 200);
    List<String> read = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    Cursor watermark;
    try (StreamReader reader = source.open(req)) {
      Cursor c = Cursor.START;
      for (int page = 1; ; page++) {
        Page p = reader.read(c);
        sandbox.clock().advance(Duration.ofSeconds(1));
        p.records().forEach(r -> read.add((String) r.fields().get("id")));
        if (p.done()) {
          watermark = p.watermark();
          break;
        }
        c = p.next();
        if (page == after) {
          // records already read, changed past the window's end (now), as a user editing them during the run
          Instant at = Instant.ofEpochMilli(Long.parseLong(c.get("end")) + 1);
          for (String id : read.subList(read.size() - changed, read.size())) {
            long i = index.get(id);
            if (archive) {
              sandbox.dataset().delete("contacts", i, i, at);
            } else {
              sandbox.dataset().touch("contacts", i, i, at);
            }
            touched.add(id);
          }
        }
      }
    }
    assertThat(read).as(label + ": no record twice").doesNotHaveDuplicates();
    assertThat(new HashSet<>(read)).as(label + ": every record of the window").isEqualTo(window);
    List<String> next = new ArrayList<>();
    try (StreamReader reader = source.open(new ReadRequest("contacts", Map.of("include_archived", false),
        List.of("id"), List.of("lastmodifieddate"), watermark, Duration.ZERO, 200))) {
      Cursor c = Cursor.START;
      Page p;
      do {
        p = reader.read(c);
        sandbox.clock().advance(Duration.ofSeconds(1));
        p.records().forEach(r -> next.add((String) r.fields().get("id")));
        c = p.next();
      } while (!p.done());
    }
    assertThat(next).as(label + ": the next run reads the modified records").containsExactlyInAnyOrderElementsOf(
        archive ? List.of() : touched);
    // restore: the next case starts from the same contacts
    for (String id : touched) {
      long i = index.get(id);
      sandbox.dataset().touch("contacts", i, i, sandbox.dataset().baseModstamp(i));
    }
  }
}
