package io.tributary.cli;

import io.tributary.config.LoadedJob;
import io.tributary.engine.run.RunResult;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * What watches runs from outside, as configured (docs/operations.md): metrics, alerts and lineage. {@code run} and
 * {@code schedule} open one per process and call {@link #begin} before each run and {@link Observed#end} after it.
 * Nothing here changes how a run ends: a receiver that cannot be reached gives a warning line.
 */
final class RunObservers {

  private final RunMetrics metrics;
  private final RunAlerts alerts = RunAlerts.configured();
  private final RunLineage lineage = RunLineage.configured();

  /** With the process's metrics, or null when none are exported. */
  RunObservers(RunMetrics metrics) {
    this.metrics = metrics;
  }

  /** A run is about to start: sends the lineage START event. */
  Observed begin(LoadedJob job, PrintWriter out) {
    Observed o = new Observed(job.name(), lineage == null ? null : lineage.run(job), out);
    o.warn(o.lineage == null ? null : o.lineage.start());
    return o;
  }

  /** One run being watched. */
  final class Observed {
    private final String job;
    private final RunLineage.Run lineage;
    private final PrintWriter out;
    private final Instant started = Instant.now();

    private Observed(String job, RunLineage.Run lineage, PrintWriter out) {
      this.job = job;
      this.lineage = lineage;
      this.out = out;
    }

    /** The run ended: records and pushes its meters, sends its alerts and its COMPLETE or FAIL event. */
    void end(RunResult result) {
      String failed = metrics == null ? null : metrics.runEnded(job, result, started);
      warn(failed == null ? null : "the run's metrics were not pushed: " + failed);
      String unsent = alerts == null ? null : alerts.send(job, result, started);
      warn(unsent == null ? null : "the run's alert was not sent: " + unsent);
      warn(lineage == null ? null : lineage.end(result));
    }

    private void warn(String problem) {
      if (problem != null) {
        out.println("warning: " + problem);
        out.flush();
      }
    }
  }
}
