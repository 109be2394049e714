package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code sandbox:} block the simulators cannot serve, through the real CLI: exit 2 and exactly one located error
 * with its fix, before any simulator or warehouse is touched.
 */
@Tag("sandbox")
class SandboxBlockErrorsIT {

  @TempDir
  static Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      sandbox_without_simulator.yml | source.sandbox: this distribution has no simulator for source type 'file' | remove the sandbox: block and give the real file source's settings (docs/sources/file.md); simulators in this distribution: bamboohr, churnzero, dynamics365, ga4, gainsight, greenhouse, hubspot, marketo, netsuite, oracle_erp, salesforce, sap, totango, workday
      sandbox_unknown_key.yml       | source.sandbox: unknown key 'rowz' (line 3)                            | did you mean 'rows'? known keys here: custom_properties, faults, rows, seed
      """)
  void aSandboxBlockTheSimulatorsCannotServeExitsTwo(String file, String message, String fix) {
    Path job = Path.of("app/src/test/resources/config/bad", file);
    CliRunner.Result r = new CliRunner(dir.resolve("state")).run("check", job.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    List<String> errorLines = r.output().lines().filter(l -> l.startsWith("error: ") || l.startsWith("  fix: "))
        .toList();
    assertThat(errorLines).containsExactly("error: " + job + ": " + message, "  fix: " + fix);
  }
}
