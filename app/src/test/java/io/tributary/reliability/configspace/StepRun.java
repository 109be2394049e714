package io.tributary.reliability.configspace;

import io.tributary.reliability.configspace.CaseRunner.RunOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a step's job the way the step says (plain, with an injected failure and a rerun, full refresh, killed and
 * rerun, two at once) and judges the exit codes: 0 ok, 1 restartable (only where a failure was injected or the
 * target was lost), 3 busy (only for the run that lost a race).
 */
final class StepRun {

  private static final long CHILD_TIMEOUT_S = 300;
  private static final int BUSY_RETRIES = 30;

  private final InProcessCli cli;
  private final String job;
  private final Path dir;
  private final int index;

  StepRun(InProcessCli cli, Path job, Path dir, int index) {
    this.cli = cli;
    this.job = job.toString();
    this.dir = dir;
    this.index = index;
  }

  RunOutcome execute(Step step, boolean tampered) throws Exception {
    if (tampered) {
      return afterLostTarget();
    }
    return switch (step.run()) {
      case NORMAL -> once(cli.run("run", job), false);
      case FULL_REFRESH -> once(cli.run("run", job, "--full-refresh"), true);
      case FAIL_THEN_RERUN -> failThenRerun(step.runArg());
      case KILL_THEN_RERUN -> killThenRerun(step.runArg());
      case CONCURRENT -> concurrent();
      case LOSE_LOCK_THEN_RERUN -> loseLockThenRerun();
    };
  }

  private static RunOutcome once(InProcessCli.Result r, boolean full) {
    return r.exitCode() == 0 ? new RunOutcome(1, full, r, null)
        : RunOutcome.problem("run exit " + r.exitCode() + ", expected 0", r);
  }

  /** The product must reload in full (exit 0) or fail loudly; after a loud failure a full refresh must restore. */
  private RunOutcome afterLostTarget() {
    InProcessCli.Result r = cli.run("run", job);
    if (r.exitCode() == 0) {
      return new RunOutcome(1, false, r, null);
    }
    if (r.exitCode() != 1 && r.exitCode() != 2) {
      return RunOutcome.problem("run after the target was lost: exit " + r.exitCode(), r);
    }
    InProcessCli.Result full = cli.run("run", job, "--full-refresh");
    return full.exitCode() == 0 ? new RunOutcome(1, true, full, null)
        : RunOutcome.problem("full refresh after the target was lost (and the run said so): exit " + full.exitCode(),
            full);
  }

  private RunOutcome failThenRerun(int chunks) {
    InProcessCli.Result failed = cli.run("run", job, "--fail-after-chunks", String.valueOf(chunks));
    if (failed.exitCode() == 0) {
      return new RunOutcome(1, false, failed, null);
    }
    if (failed.exitCode() != 1) {
      return RunOutcome.problem("run with an injected failure: exit " + failed.exitCode() + ", expected 1", failed);
    }
    InProcessCli.Result rerun = cli.run("run", job);
    return rerun.exitCode() == 0 ? new RunOutcome(1, false, rerun, null)
        : RunOutcome.problem("rerun after an injected failure: exit " + rerun.exitCode() + ", expected 0", rerun);
  }

  /** A run that lost its lock must exit 1 whatever it loaded (never 0: COMPLETED); the rerun resumes it. */
  private RunOutcome loseLockThenRerun() {
    InProcessCli.Result lost = cli.run("run", job, "--lose-run-lock", "job-start");
    if (lost.exitCode() != 1 || lost.output().contains("COMPLETED")) {
      return RunOutcome.problem("run that lost its run lock: exit " + lost.exitCode() + ", expected 1 and not"
          + " COMPLETED", lost);
    }
    InProcessCli.Result rerun = cli.run("run", job);
    return rerun.exitCode() == 0 ? new RunOutcome(1, false, rerun, null)
        : RunOutcome.problem("rerun after a lost run lock: exit " + rerun.exitCode() + ", expected 0", rerun);
  }

  private RunOutcome killThenRerun(int millis) throws IOException, InterruptedException {
    Path log = dir.resolve("step-" + index + "-killed.log");
    Process p = cli.start(log, "run", job);
    int runs = 1;
    if (p.waitFor(millis, TimeUnit.MILLISECONDS)) {
      if (p.exitValue() != 0) {
        return RunOutcome.problem("the run to be killed ended by itself with exit " + p.exitValue() + "\n"
            + Files.readString(log), null);
      }
      runs = 2;
    } else {
      p.destroyForcibly().waitFor();
      // The kill may land after the load completed: then the rerun is a run of its own.
      runs = Files.readString(log).contains("Job cs: COMPLETED") ? 2 : 1;
    }
    InProcessCli.Result rerun = cli.run("run", job);
    // A lock whose holder died may take a moment to be released (a server noticing the dead session): busy, retry.
    for (int i = 0; i < BUSY_RETRIES && rerun.exitCode() == 3; i++) {
      Thread.sleep(1000);
      rerun = cli.run("run", job);
    }
    return rerun.exitCode() == 0 ? new RunOutcome(runs, false, rerun, null)
        : RunOutcome.problem("rerun after kill -9: exit " + rerun.exitCode() + ", expected 0", rerun);
  }

  /**
   * Exactly one run loads; the other waits (and loads after it) or exits 3 (busy). With a PostgreSQL job repository
   * the second run has a state folder of its own, as on a second host.
   */
  RunOutcome concurrent() throws IOException, InterruptedException {
    List<Process> ps = new ArrayList<>();
    List<Path> logs = List.of(dir.resolve("step-" + index + "-a.log"), dir.resolve("step-" + index + "-b.log"));
    ps.add(cli.start(logs.get(0), "run", job));
    ps.add(cli.startOnAnotherHost(dir.resolve("state-host-b"), logs.get(1), "run", job));
    int loaded = 0;
    StringBuilder codes = new StringBuilder();
    String lastLog = "";
    boolean bad = false;
    for (int i = 0; i < 2; i++) {
      if (!ps.get(i).waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
        ps.get(i).destroyForcibly().waitFor();
      }
      int code = ps.get(i).exitValue();
      String out = Files.readString(logs.get(i));
      codes.append(i == 0 ? "" : ", ").append(code);
      loaded += code == 0 ? 1 : 0;
      lastLog = code == 0 ? out : lastLog;
      bad |= code != 0 && code != 3;
    }
    if (bad || loaded == 0) {
      StringBuilder both = new StringBuilder();
      for (Path log : logs) {
        both.append("--- ").append(log.getFileName()).append('\n').append(tail(Files.readString(log)));
      }
      return RunOutcome.problem("two concurrent runs exited " + codes + "; expected one 0 and the other 0 (waited)"
          + " or 3 (busy)\n" + both, null);
    }
    return new RunOutcome(loaded, false, new InProcessCli.Result(0, lastLog), null);
  }

  static String tail(String s) {
    String[] lines = s.split("\n");
    int from = Math.max(0, lines.length - 25);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)) + "\n";
  }
}
