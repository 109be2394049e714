package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The time in a stored watermark, as each kind of source writes it; the expected instants are written out. */
@Tag("unit")
class StreamLagTest {

  @Test
  void readsTheTimeEachSourceWrites() {
    assertThat(StreamLag.watermarkTime("{\"SystemModstamp\":\"2024-01-01T10:00:00.000+0000\",\"Id\":\"006A\"}"))
        .isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    assertThat(StreamLag.watermarkTime("{\"updated_at\":\"2024-01-01 10:00:00.037\"}"))
        .isEqualTo(Instant.parse("2024-01-01T10:00:00.037Z"));
    assertThat(StreamLag.watermarkTime("{\"updated_at\":\"2024-01-01T10:00:00+02:00\"}"))
        .isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
    assertThat(StreamLag.watermarkTime("{\"lastmodifieddate\":\"2024-03-05T01:02:03Z\"}"))
        .isEqualTo(Instant.parse("2024-03-05T01:02:03Z"));
    assertThat(StreamLag.watermarkTime("{\"date\":\"20240105\"}")).isEqualTo(Instant.parse("2024-01-05T00:00:00Z"));
    // HubSpot's since_ms: epoch milliseconds, 1704067200000 = 2024-01-01T00:00:00Z
    assertThat(StreamLag.watermarkTime("{\"since_ms\":\"1704067200000\"}"))
        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void theLatestTimeCountsAndAWatermarkWithoutATimeHasNoLag() {
    assertThat(StreamLag.watermarkTime("{\"from\":\"2024-01-01\",\"to\":\"2024-02-01\"}"))
        .isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
    assertThat(StreamLag.watermarkTime("{\"id\":\"12345\",\"after\":\"abc\"}")).isNull();
    assertThat(StreamLag.watermarkTime(null)).isNull();
    assertThat(StreamLag.lag("{\"updated_at\":\"2024-01-01T00:00:00Z\"}", Instant.parse("2024-01-01T06:00:00Z")))
        .isEqualTo(Duration.ofHours(6));
  }
}
