package io.tributary.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class HttpSettingsTest {

  private final HttpSettings defaults = HttpSettings.defaults("hubspot", URI.create("https://api.hubapi.com"));

  @Test
  void overridesApplyWithDurationForms() {
    HttpSettings s = defaults.withOverrides(Map.of("connect_timeout", "500ms", "read_timeout", "PT2M",
        "max_backoff", "2m", "max_attempts", "3", "rate_limit_permits", 5, "rate_limit_period", 1,
        "quota_stop_share", 0.8, "verify_tls", "false", "jitter", "0.5"));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.maxBackoff()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(s.ratePermits()).isEqualTo(5);
    assertThat(s.ratePeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.quotaStopShare()).isEqualTo(0.8);
    assertThat(s.verifyTls()).isFalse();
    assertThat(s.jitter()).isEqualTo(0.5);
    assertThat(s.initialBackoff()).isEqualTo(defaults.initialBackoff());
  }

  @Test
  void unknownKeyIsRejectedNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> defaults.withOverrides(Map.of("max_retries", 3)))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.CONFIG);
          assertThat(e.getMessage()).isEqualTo("hubspot http setting 'max_retries' is unknown");
          assertThat(e.hint()).contains("max_attempts").contains("quota_stop_share");
        });
  }

  @Test
  void badValuesAreConfigFailures() {
    assertThatThrownBy(() -> defaults.withOverrides(Map.of("quota_stop_share", 1.5)))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.getMessage()).contains("quota_stop_share must be in (0, 1]"));
    assertThatThrownBy(() -> defaults.withOverrides(Map.of("read_timeout", "soon")))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.getMessage()).contains("read_timeout 'soon' is not a duration"));
  }
}
