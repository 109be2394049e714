package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.TributaryApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The failure-injection options are the test command line's: it takes them off the arguments (both spellings) for
 * {@link ChunkFailureInjector}, and the production command line does not know them.
 */
@Tag("sandbox")
class InjectedFailureOptionsTest {

  @AfterEach
  void clear() {
    InjectedFailureOptions.clear();
  }

  @Test
  void theTestingOptionsBecomePropertiesAndTheRestIsPassedOnInOrder() {
    String[] rest = InjectedFailureOptions.install("worker", "--fail-after-chunks", "2", "jobs/x.yml",
        "--fail-partition=p2", "--threads", "3");
    assertThat(rest).containsExactly("worker", "jobs/x.yml", "--threads", "3");
    assertThat(System.getProperty(InjectedFailureOptions.FAIL_AFTER_CHUNKS)).isEqualTo("2");
    assertThat(System.getProperty(InjectedFailureOptions.FAIL_PARTITION)).isEqualTo("p2");
    InjectedFailureOptions.clear();
    assertThat(System.getProperty(InjectedFailureOptions.FAIL_AFTER_CHUNKS)).isNull();
    assertThat(InjectedFailureOptions.install("run", "jobs/x.yml")).containsExactly("run", "jobs/x.yml");
    assertThat(System.getProperty(InjectedFailureOptions.FAIL_AFTER_CHUNKS)).isNull();
  }

  @Test
  void theProductionCommandLineRefusesThemAsUnknownOptions() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int exit = TributaryApplication.execute(capture, capture, "run", "jobs/demo.yml", "--fail-after-chunks", "2");
    assertThat(exit).isEqualTo(TributaryCommand.CONFIG);
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("Unknown options: '--fail-after-chunks', '2'");
  }
}
