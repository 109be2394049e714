package io.tributary.engine.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import io.tributary.core.TributaryException;
import io.tributary.engine.step.RunOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The engine module alone has no RemotePartitioning bean, as a distribution without tributary-scale-rabbitmq: a job
 * with {@code scale:} must be refused as a configuration error (exit 2) naming the missing module, before anything
 * connects; a job without {@code scale:} runs its partitions locally and needs no module.
 */
@Tag("db")
class ScaleOutTest {

  private static final String JOB = """
      source: { type: jdbc, url: "jdbc:h2:mem:x" }
      sink: { type: duckdb }
      streams:
        - { name: orders, primary_key: [id], cursor: id, partitions: 4 }
      """;
  private static final String SCALE = "scale: { broker: { host: 127.0.0.1 } }\n";

  @TempDir
  Path dir;

  /** No module and no job repository: whatever needs either throws. */
  private final ScaleOut withoutModule =
      new ScaleOut(new StaticListableBeanFactory().getBeanProvider(RemotePartitioning.class), null);

  private LoadedJob load(String yaml) throws IOException {
    return JobConfigLoader.load(Files.writeString(dir.resolve("orders.yml"), yaml));
  }

  @Test
  void aJobWithScaleIsAConfigurationErrorNamingTheMissingModule() throws IOException {
    LoadedJob job = load(SCALE + JOB);
    for (Runnable use : new Runnable[] {() -> withoutModule.check(job), () -> withoutModule.connect(job)}) {
      assertThatThrownBy(use::run).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
        assertThat(e.kind().exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("the scale: block of job 'orders' needs the scale-out module"
            + " tributary-scale-rabbitmq (remote partitioning over RabbitMQ), which this distribution of Tributary"
            + " does not have");
        assertThat(e.hint()).contains("remove scale:");
      });
    }
  }

  @Test
  void theWorkerIsRefusedTheSameWay() throws IOException {
    LoadedJob job = load(SCALE + JOB);
    assertThatThrownBy(() -> withoutModule.serve(job, 1, new RunOptions(false, false, 0, false),
        new PrintWriter(new StringWriter()), new CountDownLatch(0)))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
          assertThat(e.getMessage()).contains("needs the scale-out module tributary-scale-rabbitmq");
        });
  }

  @Test
  void aJobWithoutScaleNeedsNoModule() throws IOException {
    LoadedJob job = load(JOB);
    withoutModule.check(job);
    assertThat(withoutModule.connect(job)).isNull();
  }
}
