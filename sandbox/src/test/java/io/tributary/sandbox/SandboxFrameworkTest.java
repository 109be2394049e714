package io.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Fault spec parsing, the fault sequence, options parsing and the dataset's order and mutations. */
@Tag("sandbox")
class SandboxFrameworkTest {

  private static final Instant EPOCH = SandboxDataset.DEFAULT_EPOCH;

  @Test
  void parsesTheFullFaultSpec() {
    FaultSpec f = FaultSpec.parse(
        "429:5%,500:2%,timeout:1%,slow:200ms@5%,reset:1%,malformed:0.1%,expire-token-after:300s");
    assertThat(f.rules()).containsExactly(
        new FaultRule(FaultRule.Type.STATUS, 429, null, 5),
        new FaultRule(FaultRule.Type.STATUS, 500, null, 2),
        new FaultRule(FaultRule.Type.TIMEOUT, 0, null, 1),
        new FaultRule(FaultRule.Type.SLOW, 0, Duration.ofMillis(200), 5),
        new FaultRule(FaultRule.Type.RESET, 0, null, 1),
        new FaultRule(FaultRule.Type.MALFORMED, 0, null, 0.1));
    assertThat(f.tokenLifetime()).isEqualTo(Duration.ofSeconds(300));
    assertThat(f.totalPercent()).isCloseTo(14.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(FaultSpec.parse(" ")).isEqualTo(FaultSpec.NONE);
    assertThat(f.retryAfter()).as("vendors' usual Retry-After").isEqualTo(Duration.ofSeconds(1));
    assertThat(FaultSpec.parse("500:5%,retry-after:0s").retryAfter()).isZero();
    assertThat(FaultSpec.parse("retry-after:3s").retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> FaultSpec.parse("retry-after:500ms")).hasMessageContaining("whole seconds");
  }

  @Test
  void wholeNumberSettingsKeepTheirRange() {
    SandboxOptions o = SandboxOptions.defaults().withSetting("sap.page-size", "250")
        .withSetting("netsuite.concurrency", "1001").withSetting("salesforce.bulk-polls", "x");
    assertThat(o.setting("sap.page-size", 1000, 1, Integer.MAX_VALUE)).isEqualTo(250);
    assertThat(o.setting("sap.unset", 1000, 1, Integer.MAX_VALUE)).isEqualTo(1000);
    for (String[] bad : new String[][] {{"netsuite.concurrency", "netsuite.concurrency=1001 is invalid",
        "use a whole number from 1 to 1000"}, {"salesforce.bulk-polls", "salesforce.bulk-polls=x is invalid",
        "use a whole number from 1 to 1000"}}) {
      assertThatThrownBy(() -> o.setting(bad[0], 2, 1, 1000)).as(bad[0])
          .isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
            assertThat(e.getMessage()).contains(bad[1]);
            assertThat(e.hint()).isEqualTo(bad[2]);
          });
    }
    assertThatThrownBy(() -> o.withSetting("sap.page-size", "0").setting("sap.page-size", 1000, 1, Integer.MAX_VALUE))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.hint()).isEqualTo("use a whole number of at least 1"));
  }

  @Test
  void badFaultSpecsNameTheEntry() {
    for (String[] bad : new String[][] {
        {"429:5", "must be a percentage"}, {"404:1%", "only 429 and 5xx"}, {"slow:5%", "slow needs a delay"},
        {"slow:fast@5%", "duration 'fast'"}, {"wobble:1%", "unknown fault 'wobble'"}, {"429", "expected name:value"},
        {"500:60%,503:50%", "adds up to 110.0%"}, {"expire-token-after:5 minutes", "duration"}}) {
      assertThatThrownBy(() -> FaultSpec.parse(bad[0])).as(bad[0])
          .isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
            assertThat(e.getMessage()).contains(bad[1]);
            assertThat(e.hint()).isNotBlank();
          });
    }
  }

  @Test
  void theSameSeedDrawsTheSameFaultsAtRoughlyTheConfiguredRates() {
    FaultSpec spec = FaultSpec.parse("429:20%,reset:5%");
    List<FaultRule> a = draw(new FaultInjector(spec, 11), 10_000);
    List<FaultRule> b = draw(new FaultInjector(spec, 11), 10_000);
    assertThat(a).isEqualTo(b);
    assertThat(draw(new FaultInjector(spec, 12), 10_000)).isNotEqualTo(a);
    long n429 = a.stream().filter(r -> r != null && r.status() == 429).count();
    long resets = a.stream().filter(r -> r != null && r.type() == FaultRule.Type.RESET).count();
    assertThat(n429).isBetween(1800L, 2200L);
    assertThat(resets).isBetween(400L, 600L);
  }

  private static List<FaultRule> draw(FaultInjector f, int n) {
    List<FaultRule> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(f.next());
    }
    return out;
  }

  @Test
  void parsesCommandLineOptions() {
    SandboxOptions o = SandboxOptions.parse("--port=8085", "--seed", "9", "--rows=1_000_000", "--rows.User=50",
        "--faults=429:1%", "--daily-limit=15000", "--rate-limit=25", "--timeout-hold=2s",
        "--set", "salesforce.batch-size=500");
    assertThat(o.port()).isEqualTo(8085);
    assertThat(o.seed()).isEqualTo(9);
    assertThat(o.rowsFor("Account")).isEqualTo(1_000_000);
    assertThat(o.rowsFor("User")).isEqualTo(50);
    assertThat(o.faults().rules()).hasSize(1);
    assertThat(o.dailyApiLimit()).isEqualTo(15000);
    assertThat(o.requestsPerSecond()).isEqualTo(25);
    assertThat(o.timeoutHold()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.setting("salesforce.batch-size", "x")).isEqualTo("500");
    assertThatThrownBy(() -> SandboxOptions.parse("--rows=-3")).hasMessageContaining("--rows");
    assertThatThrownBy(() -> SandboxOptions.parse("--colour=red")).hasMessageContaining("unknown sandbox option");
    assertThatThrownBy(() -> SandboxServer.start(SandboxOptions.defaults()))
        .hasMessageContaining("no platform");
  }

  @Test
  void rowsShareCoarseStampsAndComeInKeyOrder() {
    SandboxDataset d = new SandboxDataset(1);
    d.define("T", 100);
    assertThat(d.row("T", 0).modifiedAt()).isEqualTo(EPOCH);
    assertThat(d.row("T", 6).modifiedAt()).isEqualTo(EPOCH);
    assertThat(d.row("T", 7).modifiedAt()).isEqualTo(EPOCH.plusSeconds(1));
    assertThat(d.row("T", 99).modifiedAt()).isEqualTo(EPOCH.plusSeconds(14));
    assertThat(d.rows("T").map(RowState::index)).containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
    assertThat(d.row("T", 5).createdAt()).isBefore(d.row("T", 5).modifiedAt());
    assertThat(d.random("T", 5, 0).nextLong()).isEqualTo(new SandboxDataset(1).random("T", 5, 0).nextLong());
    assertThat(d.random("T", 5, 0).nextLong()).isNotEqualTo(d.random("T", 5, 1).nextLong());
  }

  @Test
  void boundsSelectByStampThenIndex() {
    SandboxDataset d = new SandboxDataset(1);
    d.define("T", 100);
    // after (EPOCH+1s, row 9) and before EPOCH+3s: rows 10..20 (stamps 1s: 7..13, 2s: 14..20).
    Iterator<RowState> it = d.scan("T", new RowKey(EPOCH.plusSeconds(1), 9), RowKey.before(EPOCH.plusSeconds(3)),
        false);
    List<Long> got = new ArrayList<>();
    it.forEachRemaining(r -> got.add(r.index()));
    assertThat(got).containsExactlyElementsOf(LongStream.rangeClosed(10, 20).boxed().toList());
    assertThat(d.count("T", new RowKey(EPOCH.plusSeconds(1), 9), RowKey.before(EPOCH.plusSeconds(3)), false))
        .isEqualTo(11);
    assertThat(d.count("T", RowKey.after(EPOCH.plusSeconds(13)), null, false)).isEqualTo(100 - 98);
  }

  @Test
  void mutationsMoveRowsAndKeepDeletedOnesForIncludeDeletedReads() {
    SandboxDataset d = new SandboxDataset(1);
    d.define("T", 50);
    Instant t = Instant.parse("2024-02-01T00:00:00Z");
    d.touch("T", 10, 12, t);
    d.delete("T", 5, 7, t.plusSeconds(1));
    long first = d.add("T", 2, t.plusSeconds(2));
    assertThat(first).isEqualTo(50);
    assertThat(d.size("T")).isEqualTo(52);
    assertThat(d.row("T", 11).version()).isEqualTo(1);
    assertThat(d.rows("T").skip(44).map(RowState::index)).containsExactly(10L, 11L, 12L, 5L, 6L, 7L, 50L, 51L);
    assertThat(d.count("T", null, null, false)).isEqualTo(49);
    assertThat(d.count("T", null, null, true)).isEqualTo(52);
    assertThat(d.count("T", RowKey.before(t), null, false)).isEqualTo(5);
    d.touch("T", 11, 11, t.plusSeconds(5));
    assertThat(d.row("T", 11).version()).isEqualTo(2);
    assertThat(d.rows("T").reduce((x, y) -> y).orElseThrow().index()).isEqualTo(11);
    assertThatThrownBy(() -> d.touch("T", 50, 60, t)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
