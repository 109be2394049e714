package io.tributary.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.mapping.MappedItem;
import io.tributary.mapping.RecordMapper;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotAssociations;
import io.tributary.sandbox.hubspot.HubSpotCatalog;
import io.tributary.sandbox.hubspot.HubSpotRoutes;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.source.SourceContract;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared source contract for the {@code deals_to_companies} link stream: deal ids from the list endpoint, links
 * from the v4 association batch read. The sandbox pages each deal's links two at a time here, so the per-record
 * {@code paging.next.after} is followed too. Keys are {@code from|to|typeId}; ground truth is the simulator's
 * association function.
 */
@Tag("sandbox")
class HubSpotDealCompanyLinksContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return HubSpotSandbox.platform();
  }

  @Override
  protected String object() {
    return "deals";
  }

  @Override
  protected SandboxOptions configure(SandboxOptions options) {
    return options.withSetting("hubspot.association_page", "2");
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return HubSpotTestSources.oauth(sandbox);
  }

  private static StreamConfig links(Map<String, Object> options) {
    return new StreamConfig("deals_to_companies", null, List.of("from_id", "to_id", "type_id"), List.of(), "0s",
        null, null, options, null, null, null);
  }

  @Override
  protected StreamConfig stream() {
    return links(null);
  }

  @Override
  protected StreamConfig brokenStream() {
    return links(Map.of("include_archived", true));
  }

  @Override
  protected String keyOf(SourceRecord record) {
    Map<String, Object> f = record.fields();
    return f.get("from_id") + "|" + f.get("to_id") + "|" + f.get("type_id");
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    Set<String> keys = new HashSet<>();
    forEachLink(sandbox, (from, link, type) -> keys.add(from + "|" + link.toId() + "|" + type.typeId()));
    return keys;
  }

  interface LinkVisitor {
    void visit(String from, HubSpotAssociations.Link link, HubSpotAssociations.Type type);
  }

  static void forEachLink(SandboxServer sandbox, LinkVisitor visitor) {
    HubSpotRoutes routes = sandbox.routes(HubSpotRoutes.class);
    HubSpotCatalog.ObjectType deals = routes.records().catalog().object("deals");
    sandbox.dataset().rows("deals").filter(r -> !r.deleted()).forEach(r -> {
      for (HubSpotAssociations.Link link : routes.associations().of(r, "companies")) {
        for (HubSpotAssociations.Type t : link.types()) {
          visitor.visit(deals.id(r.index()), link, t);
        }
      }
    });
  }

  /**
   * The contract's version compares keys, but the sandbox corrupts a link's type id, which is part of the key. The
   * same claim here: the corrupt links are quarantined, and every link arrives once (counted per (from, to) pair).
   */
  @Override
  @Test
  protected void aMalformedRecordIsQuarantinedNeverDropped() {
    try (SandboxServer sandbox = start(rows(), "malformed:20%");
        Source source = source(sandbox)) {
      List<SourceRecord> records = readAll(source, stream(), Cursor.START);
      RecordMapper mapper = RecordMapper.compile(stream(), source.discover(stream().name(), Map.of()), JSON);
      long quarantined = records.stream().map(r -> mapper.map(r, null)).filter(MappedItem::isQuarantined).count();
      assertThat(quarantined).as("the sandbox corrupted some type ids; each must be quarantined").isPositive();
      List<String> pairs = new java.util.ArrayList<>();
      forEachLink(sandbox, (from, link, type) -> pairs.add(from + "|" + link.toId()));
      assertThat(records.stream().map(r -> r.fields().get("from_id") + "|" + r.fields().get("to_id")).toList())
          .containsExactlyInAnyOrderElementsOf(pairs);
    }
  }

  @Test
  void labelsAndCategoriesArriveAsTheSandboxSetThem() {
    try (SandboxServer sandbox = start(300, "none");
        Source source = source(sandbox)) {
      Set<String> expected = new HashSet<>();
      forEachLink(sandbox, (from, link, t) -> expected.add(from + "|" + link.toId() + "|" + t.typeId() + "|"
          + t.category() + "|" + t.label()));
      assertThat(expected).anyMatch(s -> s.endsWith("|5|HUBSPOT_DEFINED|Primary"))
          .anyMatch(s -> s.endsWith("|341|HUBSPOT_DEFINED|null"));
      Set<String> actual = new HashSet<>();
      for (SourceRecord r : readAll(source, stream(), Cursor.START)) {
        Map<String, Object> f = r.fields();
        actual.add(f.get("from_id") + "|" + f.get("to_id") + "|" + f.get("type_id") + "|" + f.get("category") + "|"
            + f.get("label"));
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  /**
   * The API calls the docs quote, counted at the simulator (every request draws once in its fault log): 10,000 deals
   * cost 100 list calls and 10 association calls; an incremental read of 50 changed deals costs one search and one
   * association call and returns exactly those deals' current links.
   */
  @Test
  void tenThousandDealsCost110CallsAndAnIncrementalReadOnlyTheChangedDeals() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(platform())
        .withRows(500).withRows("deals", 10_000).withSetting("hubspot.enforce_limits", "false"));
        Source source = HubSpotTestSources.privateApp(sandbox)) {
      assertThat(keysOf(readAll(source, stream(), Cursor.START))).isEqualTo(expectedKeys(sandbox));
      assertThat(sandbox.faultLog()).as("100 list + 10 association calls").hasSize(110);

      java.time.Instant at = sandbox.clock().now();
      sandbox.dataset().touch("deals", 10, 59, at);
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // the window ends before "now": step past `at`
      io.tributary.core.ReadRequest incremental = new io.tributary.core.ReadRequest("deals_to_companies", Map.of(),
          HubSpotLinkRecords.KEY, List.of("hs_lastmodifieddate"),
          Cursor.of(HubSpotStreamReader.WATERMARK, Long.toString(at.toEpochMilli() - 1)), java.time.Duration.ZERO, 500);
      List<SourceRecord> changed = new java.util.ArrayList<>();
      try (io.tributary.core.StreamReader reader = source.open(incremental)) {
        io.tributary.core.Page page = reader.read(Cursor.START);
        changed.addAll(page.records());
        assertThat(page.done()).isTrue();
      }
      assertThat(sandbox.faultLog()).as("1 search + 1 association call").hasSize(112);
      Set<String> expected = new HashSet<>();
      HubSpotCatalog.ObjectType deals = sandbox.routes(HubSpotRoutes.class).records().catalog().object("deals");
      for (long i = 10; i <= 59; i++) {
        String from = deals.id(i);
        for (HubSpotAssociations.Link link : sandbox.routes(HubSpotRoutes.class).associations()
            .of(sandbox.dataset().row("deals", i), "companies")) {
          link.types().forEach(t -> expected.add(from + "|" + link.toId() + "|" + t.typeId()));
        }
      }
      assertThat(expected).hasSizeGreaterThan(50);
      assertThat(changed).hasSize(expected.size());
      assertThat(keysOf(changed)).isEqualTo(expected);
    }
  }

  private Set<String> keysOf(List<SourceRecord> records) {
    Set<String> keys = new HashSet<>();
    records.forEach(r -> keys.add(keyOf(r)));
    return keys;
  }
}
