package io.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The last use of each quota, taken since a run's start; a quota without a limit tells no share and is dropped. */
@Tag("unit")
class QuotaLedgerTest {

  @Test
  void keepsTheLastUseOfEachQuotaSinceAnInstant() throws Exception {
    Instant before = Instant.now();
    QuotaLedger.report("ledger-test", "daily calls", 10, 1_000);
    QuotaLedger.report("ledger-test", "daily calls", 250, 1_000);
    QuotaLedger.report("ledger-test", "no limit", 5, 0);

    assertThat(QuotaLedger.since(before)).filteredOn(u -> u.platform().equals("ledger-test")).singleElement()
        .satisfies(u -> {
          assertThat(u.quota()).isEqualTo("daily calls");
          assertThat(u.used()).isEqualTo(250);
          assertThat(u.percent()).isEqualTo(25.0);
        });
    Thread.sleep(5);
    assertThat(QuotaLedger.since(Instant.now())).noneMatch(u -> u.platform().equals("ledger-test"));
  }
}
