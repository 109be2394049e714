package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.bamboohr.BambooHrSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandboxSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * For bamboohr and oracle_erp: every stream read in full, then incrementally after changes and deletes, gives exactly
 * the same records (contents and delete flags) with faults {@code 429:5%,500:5%} as without. Each run asserts that
 * faults fired, so the equality is not that of two clean runs.
 */
@Tag("sandbox")
class RestPlatformsFaultEquivalenceIT {

  private static final Instant CHANGED = SandboxDataset.DEFAULT_EPOCH.plusSeconds(3_600);

  /** A platform under test: its simulator, its source, and its streams as (name, key, cursor field or null). */
  private record Platform(SandboxPlatform simulator, String object, Function<SandboxServer, Source> source,
      List<String[]> streams, int pageSize) {}

  private static final Platform BAMBOOHR = new Platform(BambooHrSandbox.platform(), "employees",
      BambooHrSources::source, List.of(new String[] {"employees", "id", "lastChanged"},
          new String[] {"employee_changes", "id", "lastChanged"}, new String[] {"directory", "id", null},
          new String[] {"time_off_requests", "id", null}), 500);

  private static final Platform ORACLE = new Platform(OracleErpSandbox.platform(), "invoices",
      s -> OracleErpSourceContractIT.source(s, OracleErpSandboxSettings.defaults().password()),
      List.of(new String[] {"invoices", "InvoiceId", "LastUpdateDate"},
          new String[] {"suppliers", "SupplierId", "LastUpdateDate"},
          new String[] {"purchase_orders", "POHeaderId", "LastUpdateDate"}), 200);

  /** stream:phase:key → delete flag and every field, for a full read, then changes, then an incremental read. */
  private static Map<String, String> run(Platform p, String faults) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(p.simulator())
        .withRows(2_000).withSeed(12).withFaults(faults));
        Source source = p.source().apply(sandbox)) {
      Map<String, String> out = new TreeMap<>();
      // Read twice, so one-request streams meet the fault sequence more than once (seed 12 draws a fault early).
      for (int round = 0; round < 2; round++) {
        read(p, source, Cursor.START, "full" + round, out);
      }
      sandbox.dataset().touch(p.object(), 100, 299, CHANGED);
      sandbox.dataset().delete(p.object(), 10, 19, CHANGED);
      read(p, source, Cursor.of("lastChanged", CHANGED.minusSeconds(1).toString()), "incr", out);
      if (!faults.equals("none")) {
        assertThat(sandbox.faultLog()).as("faults fired").anyMatch(f -> !f.equals("ok"));
      }
      return out;
    }
  }

  private static void read(Platform p, Source source, Cursor watermark, String phase, Map<String, String> out) {
    for (String[] s : p.streams()) {
      Cursor from = Cursor.START;
      if (!watermark.isStart()) {
        if (s[2] == null) {
          continue;
        }
        from = Cursor.of(s[2], watermark.values().values().iterator().next());
      }
      List<Page> pages = ShippedSources.pages(source, ShippedSources.stream(s[0], List.of(s[1]),
          s[2] == null ? List.of() : List.of(s[2]), null), from, p.pageSize());
      for (SourceRecord r : ShippedSources.records(pages)) {
        String previous = out.put(s[0] + ":" + phase + ":" + r.fields().get(s[1]),
            r.deleted() + " " + new TreeMap<>(r.fields()));
        assertThat(previous).as("record read twice").isNull();
      }
    }
  }

  private static void equivalent(Platform p, int fullRows, int incrementalRows) {
    Map<String, String> clean = run(p, "none");
    Map<String, String> faulty = run(p, "429:5%,500:5%,retry-after:0s");
    assertThat(clean.keySet().stream().filter(k -> k.contains(":full0:"))).hasSize(fullRows);
    assertThat(clean.keySet().stream().filter(k -> k.contains(":incr:"))).hasSize(incrementalRows);
    assertThat(faulty).isEqualTo(clean);
  }

  @Test
  void bambooHrReadsTheSameRowsWithFaults() {
    // employees 2,000 + changes 2,000 + active directory + time-off 2,000; incremental: 200 touched employees in the
    // report plus the 10 deleted as soft deletes (its deleted_records endpoint) + 210 in the changed feed (10 of them
    // Deleted).
    Map<String, String> clean = run(BAMBOOHR, "none");
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("employee_changes:incr:"))).hasSize(210);
    assertThat(clean.entrySet().stream().filter(e -> e.getKey().startsWith("employee_changes:incr:"))
        .filter(e -> e.getValue().startsWith("true"))).hasSize(10);
    assertThat(clean.keySet().stream().filter(k -> k.startsWith("employees:incr:"))).hasSize(210);
    assertThat(clean.entrySet().stream().filter(e -> e.getKey().startsWith("employees:incr:"))
        .filter(e -> e.getValue().startsWith("true"))).hasSize(10);
    assertThat(run(BAMBOOHR, "429:5%,500:5%,retry-after:0s")).isEqualTo(clean);
  }

  @Test
  void oracleErpReadsTheSameRowsWithFaults() {
    // Three resources of 2,000 in full; incremental: the 200 touched invoices (the 10 deleted are gone from the API).
    equivalent(ORACLE, 6_000, 200);
  }
}
