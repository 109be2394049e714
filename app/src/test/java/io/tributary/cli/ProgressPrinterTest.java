package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.ProgressPrinter.Snapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The plain (non-terminal) progress line: counters, what waits in the open chunk, rate, percent and ETA. */
@Tag("unit")
class ProgressPrinterTest {

  @Test
  void aStreamSmallerThanOneChunkShowsItsUncommittedRowsAndRate() {
    // HubSpot's case: 3,800 rows read in 10 s, the first 10,000-row chunk not committed yet, no total reported
    String line = ProgressPrinter.line(new Snapshot("contacts", 3_800, 0, 0, -1, 10.0));

    assertThat(line).isEqualTo("  … contacts             read 3,800  written 0  quarantined 0  uncommitted 3,800"
        + "  380 rows/s");
  }

  @Test
  void aReportedTotalGivesPercentAndEta() {
    // 250,000 of 1,000,000 read in 50 s: 5,000 rows/s, 750,000 to go = 150 s
    String line = ProgressPrinter.line(new Snapshot("opportunities", 250_000, 240_000, 10, 1_000_000, 50.0));

    assertThat(line).isEqualTo("  … opportunities        read 250,000  written 240,000  quarantined 10"
        + "  uncommitted 9,990  5,000 rows/s  25% of 1,000,000  ETA 2m30s");
  }

  @Test
  void aDoneReadShowsNoEtaAndLongEtasShowHours() {
    assertThat(ProgressPrinter.line(new Snapshot("users", 50, 50, 0, 50, 1.0)))
        .isEqualTo("  … users                read 50  written 50  quarantined 0  50 rows/s  100% of 50");
    assertThat(ProgressPrinter.line(new Snapshot("big", 1_000, 0, 0, 10_000_000, 10.0)))
        .endsWith("100 rows/s  0% of 10,000,000  ETA 27h46m");
  }
}
