package io.tributary.cli;

import io.tributary.engine.step.StreamProgress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints live per-stream progress while a run goes on: rows read, committed (written, quarantined), read but not yet
 * committed, the read rate and, where the platform reports a total, percent and ETA. On a terminal the lines are
 * redrawn in place; otherwise (a log file, a pipe, a scheduler) plain lines are printed periodically.
 *
 * <p>Written rows are counted when their chunk commits ({@code chunk_size} rows, default 10,000), so a stream smaller
 * than one chunk shows {@code written 0} until it ends: the "uncommitted" count says how many rows wait in the open
 * chunk, rather than leaving the reader to think nothing is being loaded.
 */
final class ProgressPrinter implements AutoCloseable {

  /** One stream's counters at one moment. */
  record Snapshot(String stream, long read, long written, long quarantined, long reportedTotal, double seconds) {

    static Snapshot of(StreamProgress p) {
      return new Snapshot(p.stream(), p.read(), p.written(), p.quarantined(), p.reportedTotal(), p.seconds());
    }
  }

  private final ScheduledExecutorService timer;
  private final PrintWriter out;
  private final boolean terminal;
  private int drawn;

  /**
   * @param terminal redraw in place (ANSI cursor movement) instead of appending lines
   * @param periodMillis how often to print
   */
  ProgressPrinter(Collection<StreamProgress> streams, PrintWriter out, boolean terminal, long periodMillis) {
    this.out = out;
    this.terminal = terminal;
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tributary-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> print(streams), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** A terminal when the JVM has a console (stdin and stdout are a terminal) and TERM is not "dumb". */
  static ProgressPrinter forConsole(Collection<StreamProgress> streams, PrintWriter out) {
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return new ProgressPrinter(streams, out, terminal, terminal ? 500 : 10_000);
  }

  private synchronized void print(Collection<StreamProgress> streams) {
    List<String> lines = new ArrayList<>();
    for (StreamProgress p : streams) {
      if (p.state() == StreamProgress.State.RUNNING) {
        lines.add(line(Snapshot.of(p)));
      }
    }
    if (terminal) {
      redraw(lines);
    } else {
      lines.forEach(out::println);
    }
    out.flush();
  }

  /** Moves up over the lines drawn last time, rewrites them and clears what is left of a longer previous drawing. */
  private void redraw(List<String> lines) {
    StringBuilder b = new StringBuilder();
    if (drawn > 0) {
      b.append("\u001b[").append(drawn).append('A');
    }
    for (String line : lines) {
      b.append("\r\u001b[2K").append(line).append('\n');
    }
    for (int i = lines.size(); i < drawn; i++) {
      b.append("\r\u001b[2K\n");
    }
    if (drawn > lines.size()) {
      b.append("\u001b[").append(drawn - lines.size()).append('A');
    }
    out.print(b);
    drawn = lines.size();
  }

  /** One stream's progress line. */
  static String line(Snapshot s) {
    long committed = s.written() + s.quarantined();
    long rate = s.seconds() <= 0 ? 0 : Math.round(s.read() / s.seconds());
    StringBuilder b = new StringBuilder(String.format("  … %-20s read %,d  written %,d  quarantined %,d",
        s.stream(), s.read(), s.written(), s.quarantined()));
    if (s.read() > committed) {
      b.append(String.format("  uncommitted %,d", s.read() - committed));
    }
    b.append(String.format("  %,d rows/s", rate));
    if (s.reportedTotal() > 0) {
      long total = Math.max(s.reportedTotal(), s.read());
      b.append(String.format("  %d%% of %,d", total == 0 ? 100 : s.read() * 100 / total, total));
      if (rate > 0 && s.read() < total) {
        b.append("  ETA ").append(duration((total - s.read()) / rate));
      }
    }
    return b.toString();
  }

  private static String duration(long seconds) {
    return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : String.format("%dm%02ds", seconds / 60, seconds % 60);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (terminal) {
      synchronized (this) {
        redraw(List.of()); // the summary replaces the live lines
        out.flush();
      }
    }
  }
}
