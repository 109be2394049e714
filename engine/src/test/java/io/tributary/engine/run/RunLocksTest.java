package io.tributary.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run-lock check interval setting (TRIBUTARY_RUN_LOCK_CHECK_INTERVAL): a positive duration, or a config error. */
@Tag("unit")
class RunLocksTest {

  @Test
  void aPositiveDurationIsAccepted() {
    new RunLocks(null, null, ".tributary", "10s");
    new RunLocks(null, null, ".tributary", "500ms");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1s", "soon"})
  void anythingElseIsAConfigurationErrorNamingTheSettingAndTheFix(String value) {
    assertThatThrownBy(() -> new RunLocks(null, null, ".tributary", value))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
          assertThat(e.getMessage()).contains("TRIBUTARY_RUN_LOCK_CHECK_INTERVAL").contains("'" + value + "'");
          assertThat(e.hint()).contains("10s");
        });
  }
}
