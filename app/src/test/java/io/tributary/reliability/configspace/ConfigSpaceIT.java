package io.tributary.reliability.configspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration-space tester's small budget in the suite: generated job files and operation sequences, each
 * compared after every step with the model (see docs/reliability.md). The long budget is {@code bench/config-space}.
 * A fixed seed keeps the suite deterministic; {@code -Dconfigspace.seed}, {@code -Dconfigspace.tries} and
 * {@code -Dconfigspace.seconds} change it.
 */
@Tag("db")
class ConfigSpaceIT {

  @TempDir
  Path dir;

  @Test
  void generatedJobFilesAndOperationSequencesMatchTheModel() {
    long seed = Long.getLong("configspace.seed", 20_261_206L);
    int tries = Integer.getInteger("configspace.tries", 24);
    long seconds = Long.getLong("configspace.seconds", 100);
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8);
    // Child JVMs (kill -9, two runs at once) stay rare in the suite: 15 per 1000 steps.
    ConfigSpaceSearch.Report r = new ConfigSpaceSearch(dir, System.out, 15).search(seed, tries, seconds * 1000);
    ConfigSpaceSearch.print(r, out);
    System.out.println(report.toString(StandardCharsets.UTF_8));
    assertThat(r.discrepancies()).as(report.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(r.tried()).isGreaterThan(0);
  }
}
