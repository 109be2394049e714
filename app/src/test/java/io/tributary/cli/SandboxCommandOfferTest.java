package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default distribution has the simulators, so it offers {@code sandbox}; a slim one without them does not
 * (PostgresDistributionIT runs that jar).
 */
@Tag("sandbox")
class SandboxCommandOfferTest {

  @Test
  void theDefaultDistributionOffersTheSandboxCommand() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    int code = io.tributary.TributaryApplication.execute(out, out, "--help");

    assertThat(code).isZero();
    assertThat(TributaryCommand.simulatorsPresent()).isTrue();
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .containsPattern("\n  sandbox +Serve the SaaS API simulators on 127.0.0.1 until Ctrl-C.");
  }
}
