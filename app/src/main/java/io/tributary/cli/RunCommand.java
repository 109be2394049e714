package io.tributary.cli;

import io.tributary.config.LoadedJob;
import io.tributary.engine.run.JobRunner;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.RunOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./tributary run <job>}: extract, load and build marts; resumes a failed run of the same job. */
@Command(name = "run", description = "Run a job: extract, load, build marts. Resumes the last failed run.")
final class RunCommand extends JobCommand {

  @Option(names = "--full-refresh", description = "ignore watermarks and read everything again")
  boolean fullRefresh;

  @Option(names = "--restart", description = "only resume the last failed run; fail if there is none")
  boolean restart;

  @Override
  Integer call(LoadedJob job) {
    PrintWriter out = out();
    JobRunner runner = engine().bean(JobRunner.class);
    RunMetrics metrics = RunMetrics.configured();
    try {
      RunObservers.Observed observed = new RunObservers(metrics).begin(job, out);
      RunResult result = runner.run(job,
          new RunOptions(fullRefresh, restart, job.config().skipLimitOrDefault(),
              job.config().reconcileOrDefault() == io.tributary.config.JobConfig.Reconcile.STRICT), out,
          streams -> ProgressPrinter.forConsole(streams, out));
      SummaryPrinter.print(job.name(), result, out);
      observed.end(result);
      return result.exitCode();
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
  }
}
