package io.tributary.cli;

import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import io.tributary.core.TributaryException;
import io.tributary.engine.run.JobRunner;
import io.tributary.engine.run.RunResult;
import io.tributary.engine.step.RunOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./tributary schedule [folder]}: one long-lived process that runs the folder's jobs on their {@code schedule:}
 * cron expressions (Spring's {@link ThreadPoolTaskScheduler}), until Ctrl-C or SIGTERM. A job is never started twice:
 * Spring's {@link CronTrigger} computes the next start after a run has ended, {@link ScheduledJob} refuses an
 * overlapping start should anything fire one, and the job's run lock refuses a run that another process holds (exit
 * 3, busy). See docs/scheduling.md.
 */
@Command(name = "schedule", description = "Run the jobs of a folder on their schedule: cron expressions until stopped.")
final class ScheduleCommand extends CliCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  @Parameters(index = "0", defaultValue = "jobs", description = "the folder of job files")
  Path dir;

  @Option(names = "--threads", defaultValue = "4", description = "how many jobs may run at once")
  int threads;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<LoadedJob> jobs = scheduledJobs(dir);
    JobRunner runner = engine().bean(JobRunner.class);
    PrintWriter out = out();
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(threads);
    scheduler.setThreadNamePrefix("tributary-schedule-");
    scheduler.initialize();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "tributary-schedule-stop"));
    RunMetrics metrics = RunMetrics.serving(out);
    RunObservers observers = new RunObservers(metrics);
    try {
      for (LoadedJob job : jobs) {
        String cron = springCron(job.config().schedule());
        ScheduledJob task = new ScheduledJob(job.name(), () -> run(runner, job.file(), out, observers), out);
        scheduler.schedule(task, new CronTrigger(cron));
        out.printf("scheduled %-24s %-16s next run %s%n", job.name(), job.config().schedule(),
            TIME.format(CronExpression.parse(cron).next(java.time.ZonedDateTime.now())));
      }
      out.println("Press Ctrl-C to stop (a run in progress is interrupted and resumes at the next start).");
      out.flush();
      stop.await();
    } finally {
      scheduler.shutdown();
      if (metrics != null) {
        metrics.close();
      }
    }
    return TributaryCommand.OK;
  }

  /** One scheduled run: the job file is read again, so edits apply from the next run on. */
  private static int run(JobRunner runner, Path file, PrintWriter out, RunObservers observers) {
    LoadedJob job = JobConfigLoader.load(file);
    RunObservers.Observed observed = observers.begin(job, out);
    RunResult r = runner.run(job, new RunOptions(false, false, job.config().skipLimitOrDefault(),
        job.config().reconcileOrDefault() == io.tributary.config.JobConfig.Reconcile.STRICT), out, streams -> () -> { });
    SummaryPrinter.print(job.name(), r, out);
    observed.end(r);
    return r.exitCode();
  }

  /** The job files of {@code dir} with a {@code schedule:}; a file that does not load stops the scheduler (exit 2). */
  static List<LoadedJob> scheduledJobs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw TributaryException.config(dir + " is not a folder", "name the folder of job files, for example jobs/");
    }
    List<LoadedJob> jobs;
    try (Stream<Path> files = Files.list(dir)) {
      jobs = files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().map(JobConfigLoader::load)
          .filter(j -> j.config().schedule() != null).toList();
    }
    if (jobs.isEmpty()) {
      throw TributaryException.config("no job in " + dir + " has a schedule:",
          "add schedule: \"*/15 * * * *\" (cron: minute hour day-of-month month day-of-week) to a job file");
    }
    for (LoadedJob job : jobs) {
      try {
        CronExpression.parse(springCron(job.config().schedule()));
      } catch (IllegalArgumentException e) {
        throw job.binder().error("schedule", "'" + job.config().schedule() + "' is not a cron expression: "
            + e.getMessage(), "use five fields, minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\"");
      }
    }
    return jobs;
  }

  /**
   * A job's {@code schedule:} in Spring's cron syntax: the five Unix fields (minute first) get a leading seconds
   * field; six fields and macros ({@code @hourly}, {@code @daily}) are Spring's own and pass unchanged.
   */
  static String springCron(String schedule) {
    String s = schedule.trim();
    return s.startsWith("@") || s.split("\\s+").length != 5 ? s : "0 " + s;
  }

  /** A job's scheduled task: at most one run of it at a time in this process; an overlapping firing is skipped. */
  static final class ScheduledJob implements Runnable {

    private final String name;
    private final Callable<Integer> run;
    private final PrintWriter out;
    private final AtomicBoolean running = new AtomicBoolean();

    ScheduledJob(String name, Callable<Integer> run, PrintWriter out) {
      this.name = name;
      this.run = run;
      this.out = out;
    }

    @Override
    public void run() {
      if (!running.compareAndSet(false, true)) {
        out.printf("%s %s: the previous run is still going; this start is skipped%n", TIME.format(Instant.now()),
            name);
        out.flush();
        return;
      }
      try {
        out.printf("%s %s: starting%n", TIME.format(Instant.now()), name);
        out.flush();
        int code = run.call();
        out.printf("%s %s: ended with exit code %d%n", TIME.format(Instant.now()), name, code);
      } catch (Exception e) {
        TributaryException te = TributaryException.find(e);
        out.printf("%s %s: failed: %s%n", TIME.format(Instant.now()), name, te != null ? te.describe() : e);
      } finally {
        running.set(false);
        out.flush();
      }
    }
  }
}
