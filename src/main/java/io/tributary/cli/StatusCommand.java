package io.tributary.cli;

import io.tributary.engine.WatermarkStore;
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

  @Override
  public Integer call() {
    JobRepository repository = TributaryCommand.ENGINE.bean(JobRepository.class);
    WatermarkStore watermarks = TributaryCommand.ENGINE.bean(WatermarkStore.class);
    List<String> names = job == null ? repository.getJobNames()
        : List.of(job.replaceFirst("^.*/", "").replaceFirst("\\.ya?ml$", ""));
    if (names.isEmpty()) {
      out().println("No runs yet. Start one with ./tributary run jobs/demo.yml");
    }
    for (String name : names) {
      out().println("Job " + name);
      List<JobInstance> instances = repository.getJobInstances(name, 0, runs);
      if (instances.isEmpty()) {
        out().println("  no runs");
      }
      for (JobInstance instance : instances) {
        for (JobExecution e : repository.getJobExecutions(instance)) {
          printExecution(e);
        }
      }
      Map<String, String> marks = watermarks.all(name);
      if (!marks.isEmpty()) {
        out().println("  watermarks:");
        marks.forEach((stream, mark) -> out().printf("    %-22s %s%n", stream, mark));
      }
    }
    return TributaryCommand.OK;
  }

  private void printExecution(JobExecution e) {
    String start = e.getStartTime() == null ? "-" : TIME.format(e.getStartTime());
    String took = e.getStartTime() == null || e.getEndTime() == null ? ""
        : " in " + Duration.between(e.getStartTime(), e.getEndTime()).toMillis() / 1000.0 + " s";
    out().printf("  run %-5d %-10s started %s%s  (instance %d, %s)%n", e.getId(), e.getStatus(), start, took,
        e.getJobInstance().getInstanceId(), e.getJobParameters().parameters().stream()
            .map(p -> p.name() + "=" + p.value()).toList());
    for (StepExecution s : e.getStepExecutions()) {
      long quarantined = s.getExecutionContext().getLong("tributary.quarantined", 0L);
      out().printf("      %-26s %-10s read %,d  written %,d  quarantined %,d%n", s.getStepName(), s.getStatus(),
          s.getReadCount(), s.getWriteCount() - quarantined, quarantined);
    }
  }
}
