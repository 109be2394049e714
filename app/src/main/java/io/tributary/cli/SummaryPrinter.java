package io.tributary.cli;

import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.StreamProgress;
import java.io.PrintWriter;

/** The end-of-run summary table. */
final class SummaryPrinter {

  private SummaryPrinter() {}

  private static String lastColumn(RunResult r, StreamProgress p) {
    if (p.state() == StreamProgress.State.DONE) {
      return p.reconciliation();
    }
    if (p.state() == StreamProgress.State.WAITING && r.restarted() && r.exitCode() == 0) {
      // An append or replace stream that completed in the interrupted run is not run again (docs/jobs.md).
      return "loaded before the restart";
    }
    return p.state().name().toLowerCase();
  }

  static void print(String job, RunResult r, PrintWriter out) {
    out.println();
    out.printf("Job %s: %s%s%s%n", job, r.status(),
        r.runId() > 0 ? " (run " + r.runNumber() + ", execution " + r.runId() + ")" : "",
        r.restarted() ? ", resumed" : "");
    out.printf("  %-22s %-7s %10s %10s %12s %9s  %s%n", "stream", "mode", "read", "written", "quarantined",
        "rows/s", "reconciliation");
    for (StreamProgress p : r.streams()) {
      out.printf("  %-22s %-7s %,10d %,10d %,12d %,9d  %s%n", p.stream(), p.mode(), p.read(), p.written(),
          p.quarantined(), p.rowsPerSecond(), lastColumn(r, p));
    }
    if (!r.marts().isEmpty()) {
      out.println("  marts built: " + String.join(", ", r.marts()));
    }
    if (r.message() != null) {
      out.println();
      out.println("error: " + r.message());
      if (r.exitCode() == 1) {
        out.println("  This run is restartable: once the cause above is dealt with, run the same command again;"
            + " it resumes after the last committed chunk.");
      }
    }
  }
}
