package io.tributary.source.workday;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.workday.WorkdaySandbox;
import io.tributary.sandbox.workday.WorkdaySandboxSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same report read with faults {@code 429:5%,500:5%} yields exactly the rows of the fault-free truth. */
@Tag("sandbox")
class WorkdayFaultEquivalenceIT {

  private static SandboxServer start(long rows, String faults) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(WorkdaySandbox.platform())
        .withRows(WorkdaySandboxSettings.OBJECT, rows).withFaults(faults));
  }

  /** 429:5%,500:5% over 30 report calls: every call's rows equal the fault-free truth. */
  @Test
  void faultsChangeNothingButTheNumberOfCalls() {
    try (SandboxServer sandbox = start(300, "429:5%,500:5%,retry-after:0s");
        WorkdaySource source = WorkdayTestSources.source(sandbox, WorkdaySandboxSettings.ISU_PASSWORD)) {
      Map<String, String> truth = WorkdayTestSources.truth(sandbox);
      for (int i = 0; i < 30; i++) {
        Map<String, String> table = new TreeMap<>();
        List<SourceRecord> rows = WorkdayTestSources.read(source, WorkdayTestSources.REPORT, Cursor.START,
            new Cursor[1]);
        assertThat(rows).hasSize(300);
        WorkdayTestSources.merge(table, rows);
        assertThat(table).isEqualTo(truth);
      }
      assertThat(sandbox.faultLog()).anyMatch(f -> f.contains("429") || f.contains("500"));
    }
  }
}
