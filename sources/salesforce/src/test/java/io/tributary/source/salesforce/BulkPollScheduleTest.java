package io.tributary.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Bulk poll schedule: one poll for a job done within the first wait, then polls half the run time apart. */
class BulkPollScheduleTest {

  private final BulkPollSchedule schedule = BulkPollSchedule.of(null);

  /** When the polls of a job that never completes happen, in seconds after the create, up to {@code until}. */
  private List<Double> pollTimes(double until) {
    List<Double> at = new ArrayList<>();
    Duration elapsed = Duration.ZERO;
    while (elapsed.toMillis() / 1000.0 < until) {
      elapsed = elapsed.plus(schedule.nextWait(elapsed));
      at.add(elapsed.toMillis() / 1000.0);
    }
    return at;
  }

  @Test
  void firstPollAfterFiveSecondsThenHalfTheRunTimeAtMostThirtySecondsApart() {
    assertThat(pollTimes(100)).containsExactly(5.0, 7.5, 11.25, 16.875, 25.312, 37.968, 56.953, 85.429, 115.429);
  }

  @Test
  void aShortFirstPollFromTheConfigIsKept() {
    assertThat(BulkPollSchedule.of(Duration.ofMillis(100)).nextWait(Duration.ZERO)).isEqualTo(Duration.ofMillis(100));
    assertThat(new SalesforceConfig(null, null, null, null, null, "250ms", null, null).bulkPollSchedule().first())
        .isEqualTo(Duration.ofMillis(250));
  }
}
