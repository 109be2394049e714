package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.SandboxOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The sandbox command's declared options reach the simulators, and its banner lists faults only. */
@Tag("unit")
class SandboxCommandTest {

  private static SandboxCommand parse(String... args) {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void declaredAndPerObjectOptionsReachTheSimulatorOptions() {
    SandboxCommand c = parse("--platform", "hubspot,dynamics", "--rows=10", "--rows.contacts=5", "--seed", "7",
        "--rate-limit=3", "--set", "hubspot.page_size=50");

    SandboxOptions o = SandboxOptions.parse(c.simulatorArguments().toArray(String[]::new));

    assertThat(c.platforms).containsExactly("hubspot", "dynamics");
    assertThat(o.rowsFor("contacts")).isEqualTo(5);
    assertThat(o.rowsFor("deals")).isEqualTo(10);
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.requestsPerSecond()).isEqualTo(3);
    assertThat(o.setting("hubspot.page_size", "x")).isEqualTo("50");
    assertThat(o.faults().rules()).isEmpty();
  }

  @Test
  void theBannerNamesTheFaultsAndNotTheOtherOptions() {
    SandboxCommand quiet = parse("--rows=10", "--rows.contacts=5", "--seed=7");
    SandboxCommand faulty = parse("--rows=10", "--faults=429:5%,500:2%");

    assertThat(quiet.banner("http://127.0.0.1:1", SandboxOptions.parse(quiet.simulatorArguments()
        .toArray(String[]::new)))).isEqualTo("Sandbox listening on http://127.0.0.1:1 (seed 7, rows 10, faults: none)");
    assertThat(faulty.banner("http://127.0.0.1:1", SandboxOptions.parse(faulty.simulatorArguments()
        .toArray(String[]::new)))).endsWith("faults: 429:5%,500:2%)");
  }
}
