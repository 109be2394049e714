package io.tributary.cli;

import io.tributary.engine.step.StreamProgress;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints live per-stream progress while a run goes on: rows read, written, quarantined and rows/s. */
final class ProgressPrinter implements AutoCloseable {

  private final ScheduledExecutorService timer;

  ProgressPrinter(Collection<StreamProgress> streams, PrintWriter out, long periodMillis) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tributary-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> print(streams, out), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private static void print(Collection<StreamProgress> streams, PrintWriter out) {
    for (StreamProgress p : streams) {
      if (p.state() == StreamProgress.State.RUNNING) {
        out.printf("  … %-20s read %,d  written %,d  quarantined %,d  %,d rows/s%n",
            p.stream(), p.read(), p.written(), p.quarantined(), p.rowsPerSecond());
      }
    }
    out.flush();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
