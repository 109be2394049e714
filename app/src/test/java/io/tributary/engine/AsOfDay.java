package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The days a mart built with the default as-of date ({@code CURRENT_DATE} of the warehouse session, MartVariables)
 * may have used: from the earliest of today in UTC and in this machine's zone just before the build, to the latest
 * just after it (the warehouse session runs in one of them). A test reads the date the mart shows, checks it lies in
 * that range, and computes its expectation from it: a build across midnight, or a session in another zone than the
 * test's, then changes nothing.
 */
record AsOfDay(LocalDate earliest, LocalDate latest) {

  /** Something that builds the marts. */
  interface Build {
    void run() throws Exception;
  }

  static AsOfDay around(Build build) throws Exception {
    LocalDate before = min(LocalDate.now(ZoneOffset.UTC), LocalDate.now(ZoneId.systemDefault()));
    build.run();
    LocalDate after = max(LocalDate.now(ZoneOffset.UTC), LocalDate.now(ZoneId.systemDefault()));
    return new AsOfDay(before, after);
  }

  /** The one as-of date in the mart's rows ({@code SELECT DISTINCT as_of_date}), checked to be a day of the build. */
  LocalDate check(List<Map<String, Object>> distinctAsOf) {
    assertThat(distinctAsOf).as("one as-of date in the mart").hasSize(1);
    LocalDate used = LocalDate.parse(distinctAsOf.get(0).values().iterator().next().toString());
    assertThat(used).as("the mart's default as-of date is a day of the build").isBetween(earliest, latest);
    return used;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
