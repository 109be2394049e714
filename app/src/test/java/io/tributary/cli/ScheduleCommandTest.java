package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule}: which jobs it takes, how their cron reads, and that an overrunning job is never started twice. */
@Tag("unit")
class ScheduleCommandTest {

  @Test
  void unixCronGetsASecondsFieldAndSpringsOwnFormsPassUnchanged() {
    assertThat(ScheduleCommand.springCron("0 2 * * *")).isEqualTo("0 0 2 * * *");
    assertThat(ScheduleCommand.springCron(" */1 * * * * ")).isEqualTo("0 */1 * * * *");
    assertThat(ScheduleCommand.springCron("30 */5 * * * MON-FRI")).isEqualTo("30 */5 * * * MON-FRI");
    assertThat(ScheduleCommand.springCron("@hourly")).isEqualTo("@hourly");
  }

  @Test
  void anOverlappingFiringIsSkippedWhileTheRunGoesOn() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    ScheduleCommand.ScheduledJob job = new ScheduleCommand.ScheduledJob("slow", () -> {
      runs.incrementAndGet();
      started.countDown();
      release.await();
      return 0;
    }, out);

    Thread first = new Thread(job);
    first.start();
    started.await();
    job.run(); // the next firing, while the first run is still going
    int duringOverrun = runs.get();
    release.countDown();
    first.join();
    job.run(); // the one after, once it has ended

    assertThat(duringOverrun).isEqualTo(1);
    assertThat(runs.get()).isEqualTo(2);
    assertThat(text.toString()).contains("slow: the previous run is still going; this start is skipped")
        .contains("slow: ended with exit code 0");
  }

  @Test
  void onlyJobsWithAScheduleAreTakenAndABadCronIsAConfigError(@TempDir Path dir) throws Exception {
    String job = """
        source: { type: file, dir: /tmp }
        sink: { type: duckdb, path: /tmp/x.duckdb }
        %s
        streams:
          - { name: accounts, primary_key: [id], options: { pattern: "*.csv" } }
        """;
    Files.writeString(dir.resolve("a.yml"), job.formatted("schedule: \"*/1 * * * *\""));
    Files.writeString(dir.resolve("b.yml"), job.formatted(""));

    assertThat(ScheduleCommand.scheduledJobs(dir)).extracting(j -> j.name()).containsExactly("a");

    Files.writeString(dir.resolve("c.yml"), job.formatted("schedule: \"every minute\""));
    assertThatThrownBy(() -> ScheduleCommand.scheduledJobs(dir)).isInstanceOf(TributaryException.class)
        .hasMessageContaining("schedule").hasMessageContaining("is not a cron expression");
  }
}
