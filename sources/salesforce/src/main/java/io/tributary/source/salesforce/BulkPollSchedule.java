package io.tributary.source.salesforce;

import java.time.Duration;

/**
 * When to ask a Bulk API 2.0 query job for its state: first after {@code first}, then each time after half the time
 * the job has run so far, at most {@code max} apart. Salesforce documents no processing time and no polling interval,
 * so the schedule trades calls for latency (docs/sources/salesforce.md, "Polling a Bulk job"): a job done within
 * {@code first} costs one poll; a longer one is seen at most half its run time (and at most {@code max}) late, with
 * about one poll more each time its run time grows by half.
 */
record BulkPollSchedule(Duration first, Duration max) {

  static final Duration DEFAULT_FIRST = Duration.ofSeconds(5);
  static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

  static BulkPollSchedule of(Duration first) {
    return new BulkPollSchedule(first == null ? DEFAULT_FIRST : first, DEFAULT_MAX);
  }

  /** The wait before the next poll, given how long ago the job was created (zero before the first poll). */
  Duration nextWait(Duration elapsed) {
    if (elapsed.isZero() || elapsed.compareTo(first) < 0) {
      return first.minus(elapsed);
    }
    Duration half = elapsed.dividedBy(2);
    return half.compareTo(max) > 0 ? max : half;
  }
}
