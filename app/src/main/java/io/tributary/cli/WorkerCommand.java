package io.tributary.cli;

import io.tributary.config.LoadedJob;
import io.tributary.engine.partition.ScaleOut;
import io.tributary.engine.step.RunOptions;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tributary worker <job>}: runs partitions of the job's partitioned streams, sent by {@code ./tributary run}
 * over the broker of the job's {@code scale:} block, until stopped (Ctrl-C, SIGTERM). See docs/scaling.md.
 */
@Command(name = "worker", description = "Run partitions of a job with scale: (the job file the manager runs),"
    + " sent over its broker, until stopped.")
final class WorkerCommand extends JobCommand {

  @Option(names = "--threads", defaultValue = "1", description = "partitions this worker runs at once")
  int threads;

  @Override
  Integer call(LoadedJob job) throws InterruptedException {
    if (threads < 1 || threads > 64) {
      throw io.tributary.core.TributaryException.config("--threads " + threads + " is out of range",
          "use a number from 1 to 64");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "tributary-worker-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (RunMetrics metrics = RunMetrics.serving(out())) {
      RunOptions options = new RunOptions(false, false, job.config().skipLimitOrDefault(), false);
      engine().bean(ScaleOut.class).serve(job, threads, options, out(), stop);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already stopping: the hook has run
      }
    }
    return TributaryCommand.OK;
  }
}
