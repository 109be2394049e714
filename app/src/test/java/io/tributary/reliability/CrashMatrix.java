package io.tributary.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs crash trials of one scenario: start {@code tributary run} in its own JVM, SIGKILL it at a seeded random moment,
 * change the source, rerun until exit 0, compare the warehouse with the source.
 *
 * <p>The kill moment: one trial in five kills during start-up (uniform over the start-up time seen so far); the others
 * wait until the run printed "Running job" (context up, streams starting) and then a uniform delay over the load time
 * seen so far, so most kills land between chunk commits, inside a commit, or around the watermark update.
 */
final class CrashMatrix {

  /** How a rerun is launched: a fresh JVM like {@code ./tributary run}, or in-process (faster, for the test suite). */
  interface Rerun {
    int run(Path job, Path stateDir, Path log) throws Exception;
  }

  /** One row of the table. */
  record Row(String scenario, int trials, int kills, int reruns, long missing, long duplicated, long stale,
      long extra, int settledByNextRun, List<String> examples) {

    boolean clean() {
      return missing == 0 && duplicated == 0 && stale == 0 && extra == 0;
    }
  }

  private final Path root;
  private final long seed;
  private final Rerun rerun;
  private long startupMillis = 4000;
  private long loadMillis;

  CrashMatrix(Path root, long seed, Rerun rerun, long initialLoadMillis) {
    this.root = root;
    this.seed = seed;
    this.rerun = rerun;
    this.loadMillis = initialLoadMillis;
  }

  static Rerun freshJvm() {
    return (job, state, log) -> new TributaryProcess(state, Map.of()).run(log, 600, "run", job.toString());
  }

  static Rerun inProcess() {
    return (job, state, log) -> {
      Cli.Result r = new Cli(state).run("run", job.toString());
      Files.writeString(log, r.output());
      return r.exitCode();
    };
  }

  Row run(ChaosScenario scenario, int trials) throws Exception {
    Random random = new Random(seed * 31 + scenario.name().hashCode());
    int kills = 0;
    int reruns = 0;
    long missing = 0;
    long duplicated = 0;
    long stale = 0;
    long extra = 0;
    int settled = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 1; i <= trials; i++) {
      Path dir = root.resolve(scenario.name()).resolve("trial-" + i);
      TrialResult t = trial(scenario, dir, random);
      kills += t.killed() ? 1 : 0;
      reruns += t.reruns();
      missing += t.missing();
      duplicated += t.duplicated();
      stale += t.stale();
      extra += t.extra();
      settled += Boolean.TRUE.equals(t.afterExtraRun()) ? 1 : 0;
      if (t.example() != null) {
        examples.add("trial " + i + ": " + t.example() + (t.afterExtraRun() == null ? ""
            : t.afterExtraRun() ? "; the next run loaded it" : "; STILL WRONG after one more run") + " (" + dir + ")");
      }
      System.err.printf("[chaos] %s trial %d/%d: %s, %d rerun(s), missing %d, duplicated %d, stale %d, extra %d%n",
          scenario.name(), i, trials, t.killed() ? "killed" : "finished before the kill", t.reruns(), t.missing(),
          t.duplicated(), t.stale(), t.extra());
    }
    return new Row(scenario.name(), trials, kills, reruns, missing, duplicated, stale, extra, settled, examples);
  }

  private TrialResult trial(ChaosScenario scenario, Path dir, Random random) throws Exception {
    Path job = scenario.prepare(dir);
    Path state = dir.resolve("state");
    Path firstLog = dir.resolve("run-0.log");
    long started = System.nanoTime();
    Process p = new TributaryProcess(state, Map.of()).start(firstLog, "run", job.toString());
    boolean duringStartup = random.nextDouble() < 0.2;
    double fraction = random.nextDouble();
    long runningAt = -1;
    if (duringStartup) {
      Thread.sleep((long) (fraction * startupMillis));
    } else {
      runningAt = awaitRunning(p, firstLog);
      if (runningAt > 0) {
        Thread.sleep((long) (fraction * loadMillis));
      }
    }
    boolean killed = p.isAlive();
    if (killed) {
      p.destroyForcibly().waitFor(); // SIGKILL
    } else {
      learn(firstLog, started, runningAt);
    }
    scenario.mutate(random);
    int reruns = 0;
    int exit;
    do {
      reruns++;
      exit = rerun.run(job, state, dir.resolve("run-" + reruns + ".log"));
      if (exit == 2) {
        throw new IllegalStateException(scenario.name() + ": rerun exited 2 (config); see " + dir);
      }
    } while (exit != 0 && reruns < 5);
    if (exit != 0) {
      throw new IllegalStateException(scenario.name() + ": no rerun exited 0 after 5 tries; see " + dir);
    }
    Map<String, String> truth = scenario.truth();
    if (truth.isEmpty()) {
      throw new IllegalStateException(scenario.name() + ": the ground truth is empty, nothing would be compared");
    }
    TrialResult result = TrialResult.compare(killed, reruns, truth, scenario.warehouse());
    if (!result.clean()) {
      // Tell "lost" from "not yet loaded": one more normal run must bring the table to the source's state.
      int again = rerun.run(job, state, dir.resolve("run-extra.log"));
      TrialResult after = TrialResult.compare(killed, reruns, scenario.truth(), scenario.warehouse());
      System.err.printf("[chaos] %s: one more run (exit %d) leaves missing %d, duplicated %d, stale %d, extra %d%n",
          scenario.name(), again, after.missing(), after.duplicated(), after.stale(), after.extra());
      return result.withAfterExtraRun(after.clean());
    }
    return result;
  }

  /** Waits until the log shows the job running or the process exits; returns System.nanoTime() then, or -1. */
  private static long awaitRunning(Process p, Path log) throws IOException, InterruptedException {
    while (p.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains("unning job ")) {
        return System.nanoTime();
      }
      Thread.sleep(10);
    }
    return -1;
  }

  /** A run that finished before its kill tells how long start-up and load really take here. */
  private void learn(Path log, long started, long runningAt) {
    long total = (System.nanoTime() - started) / 1_000_000;
    if (runningAt > 0) {
      long load = (System.nanoTime() - runningAt) / 1_000_000;
      loadMillis = Math.max(200, (long) (load * 0.9));
      startupMillis = Math.max(500, total - load);
    }
  }
}
