package io.tributary.cli;

import io.tributary.engine.run.RunLockHolder;
import io.tributary.engine.run.RunLocks;
import io.tributary.engine.state.WatermarkStore;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./tributary status [job]}: recent runs, per-stream counts and watermarks, from the job repository. */
@Command(name = "status", description = "Show recent runs, per-stream counts and watermarks.")
final class StatusCommand extends CliCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Parameters(index = "0", arity = "0..1", description = "a job name or job file (default: all jobs)")
  String job;

  @Option(names = "--runs", defaultValue = "5", description = "how many recent runs per job")
  int runs;

  @Option(names = "--json", description = "print the status as JSON, for scripts")
  boolean json;

  @Override
  public Integer call() {
    java.util.Optional<java.nio.file.Path> none = RepositoryOwner.missingLocalRepository();
    if (none.isPresent()) {
      // nothing has run here: say so without creating a repository (and .tributary/) as a side effect
      if (json) {
        JsonOutput.print(out(), List.of());
      } else {
        out().println("No runs yet here (no job repository at " + none.get() + ")."
            + " Start one with ./tributary run jobs/demo.yml");
      }
      return TributaryCommand.OK;
    }
    JobRepository repository = engine().bean(JobRepository.class);
    WatermarkStore watermarks = engine().bean(WatermarkStore.class);
    List<String> names = job == null ? repository.getJobNames() : List.of(jobName(job));
    RunLocks locks = engine().bean(RunLocks.class);
    if (json) {
      JsonOutput.print(out(), names.stream().map(n -> StatusJson.job(n, runs, repository, watermarks,
          locks.runningHolder(n))).toList());
      return TributaryCommand.OK;
    }
    if (names.isEmpty()) {
      out().println("No runs yet. Start one with ./tributary run jobs/demo.yml");
    }
    for (String name : names) {
      out().println("Job " + name);
      RunLockHolder running = locks.runningHolder(name);
      if (running != null) {
        out().println("  running now: on host " + running.host() + " (pid " + running.pid() + ") since "
            + running.since());
      }
      List<JobInstance> instances = repository.getJobInstances(name, 0, runs);
      if (instances.isEmpty()) {
        out().println("  no runs");
      }
      for (JobInstance instance : instances) {
        for (JobExecution e : repository.getJobExecutions(instance)) {
          printExecution(e);
        }
      }
      printLoads(watermarks.audits(name, 20));
      Map<String, String> marks = watermarks.all(name);
      if (!marks.isEmpty()) {
        out().println("  watermarks:");
        marks.forEach((stream, mark) -> out().printf("    %-22s %s%n", stream, mark));
      }
    }
    return TributaryCommand.OK;
  }

  /** A job file's name ({@code name:} or the file name), or the argument itself when it is not a file. */
  private static String jobName(String arg) {
    java.nio.file.Path file = java.nio.file.Path.of(arg);
    if (arg.matches(".*\\.ya?ml$") && java.nio.file.Files.isRegularFile(file)) {
      return io.tributary.config.JobConfigLoader.load(file).name();
    }
    return arg.replaceFirst("^.*/", "").replaceFirst("\\.ya?ml$", "");
  }

  /** The last completed load of each stream, with its reconciliation against the platform's count. */
  private void printLoads(List<Map<String, Object>> audits) {
    if (audits.isEmpty()) {
      return;
    }
    out().println("  last loads:");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Map<String, Object> a : audits) {
      String stream = String.valueOf(a.get("STREAM") != null ? a.get("STREAM") : a.get("stream"));
      if (!seen.add(stream)) {
        continue;
      }
      long written = number(a, "rows_written");
      long quarantined = number(a, "rows_quarantined");
      Object reported = value(a, "reported_total");
      String reconciliation = reported == null ? io.tributary.engine.step.StreamProgress.NOT_RECONCILED
          : ((Number) reported).longValue() == written + quarantined ? "ok (" + reported + ")"
          : "MISMATCH reported " + reported + " loaded " + (written + quarantined);
      out().printf("    %-22s execution %-5s written %,d  quarantined %,d  reconciliation %s%n", stream,
          value(a, "run_id"), written, quarantined, reconciliation);
    }
  }

  private static Object value(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v != null ? v : row.get(column.toUpperCase(java.util.Locale.ROOT));
  }

  private static long number(Map<String, Object> row, String column) {
    Object v = value(row, column);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private void printExecution(JobExecution e) {
    String start = e.getStartTime() == null ? "-" : TIME.format(e.getStartTime());
    String took = e.getStartTime() == null || e.getEndTime() == null ? ""
        : " in " + Duration.between(e.getStartTime(), e.getEndTime()).toMillis() / 1000.0 + " s";
    out().printf("  run %-5d %-10s started %s%s  (execution %d, instance %d, %s)%n",
        io.tributary.engine.run.JobRunner.runNumber(e), e.getStatus(), start, took, e.getId(),
        e.getJobInstance().getInstanceId(), e.getJobParameters().parameters().stream()
            .map(p -> p.name() + "=" + p.value()).toList());
    for (StepExecution s : e.getStepExecutions()) {
      long quarantined = s.getExecutionContext().getLong("tributary.quarantined", 0L);
      out().printf("      %-26s %-10s read %,d  written %,d  quarantined %,d%n", s.getStepName(), s.getStatus(),
          s.getReadCount(), s.getWriteCount() - quarantined, quarantined);
    }
  }
}
