package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Source;
import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.bamboohr.BambooHrSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A wrong credential makes {@code check} fail fast as an AUTH error (exit 2 in the CLI) carrying the vendor's message
 * where the vendor sends one, and the definition's fix; the good credential passes.
 */
@Tag("sandbox")
class RestPlatformsCredentialsIT {

  @Test
  void bambooHrNamesTheRejectedKeyWithBambooHrsHeaderMessageAndTheFix() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(BambooHrSandbox.platform())
        .withRows(5))) {
      try (Source good = BambooHrSources.source(sandbox)) {
        good.check();
      }
      try (Source bad = BambooHrSources.source(sandbox, "not-a-bamboohr-key")) {
        assertThatThrownBy(bad::check).isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.AUTH);
          // The X-BambooHR-Error-Message header, read through errors.message_header.
          assertThat(e.getMessage()).contains("401").contains("Invalid API key");
          assertThat(e.hint()).contains("API Keys").contains("source.api_key");
          assertThat(e.getMessage() + e.hint()).doesNotContain("not-a-bamboohr-key");
        });
      }
    }
  }

  @Test
  void oracleErpRejectsTheWrongPasswordWithTheFix() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(OracleErpSandbox.platform())
        .withRows(5))) {
      try (Source good = OracleErpSourceContractIT.source(sandbox, "sandbox-fusion-password")) {
        good.check();
      }
      try (Source bad = OracleErpSourceContractIT.source(sandbox, "wrong-password")) {
        assertThatThrownBy(bad::check).isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.AUTH);
          assertThat(e.getMessage()).contains("401");
          assertThat(e.hint()).contains("source.username").contains("source.password");
          assertThat(e.getMessage() + e.hint()).doesNotContain("wrong-password");
        });
      }
    }
  }
}
