package io.tributary.engine;

import static io.tributary.engine.ExampleJobWarehouse.decimal;
import static io.tributary.engine.ExampleJobWarehouse.money;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code sf_opportunity_aging} measures to the as-of date: today by default (the demo's 2023 data is then all "over
 * 365 days"), or the job's {@code mart_variables.as_of} (jobs/demo.yml sets the end of its data, and shows several
 * buckets). Expected buckets are computed here from the raw opportunities, on DuckDB and PostgreSQL. "Today" is the
 * warehouse's CURRENT_DATE during the build: the test reads it from {@code as_of_date}, checks it is a day of the
 * build ({@link AsOfDay}), and measures to it.
 */
@Tag("sandbox")
class AgingAsOfIT {

  private static final String DEMO_AS_OF = "mart_variables: { as_of: 2024-01-01 }";
  private static final String[] SMALLER = {"Opportunity: 3000, Contact: 2000, User: 50", "Opportunity: 800, Contact: 20, User: 20"};

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ExampleJobWarehouse.Kind.class)
  void agingIsMeasuredToTodayByDefaultAndToTheJobsAsOfDate(ExampleJobWarehouse.Kind kind) throws Exception {
    try (ExampleJobWarehouse w = new ExampleJobWarehouse(dir, kind)) {
      AsOfDay today = AsOfDay.around(() -> w.run("jobs/demo.yml", 200, SMALLER[0], SMALLER[1], DEMO_AS_OF, ""));
      LocalDate used = today.check(w.rows("SELECT DISTINCT as_of_date FROM marts.sf_opportunity_aging"));
      Map<String, String> byDefault = expected(w, used);
      assertThat(byDefault.keySet()).allMatch(k -> k.startsWith("over 365 days|"));
      assertThat(aging(w)).isEqualTo(byDefault);

      w.run("jobs/demo.yml", 200, SMALLER[0], SMALLER[1]);
      Map<String, String> asOf = expected(w, LocalDate.parse("2024-01-01"));
      assertThat(asOf.keySet().stream().map(k -> k.split("\\|")[0]).distinct().sorted().toList())
          .containsExactly("0-30 days", "31-90 days");
      assertThat(aging(w)).isEqualTo(asOf);
    }
  }

  private static Map<String, String> aging(ExampleJobWarehouse w) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Map<String, Object> r : w.rows("SELECT * FROM marts.sf_opportunity_aging")) {
      out.put(r.get("age_bucket") + "|" + r.get("stage_name"), r.get("as_of_date") + "|" + r.get("open_opportunities")
          + "|" + decimal(r.get("open_amount")).toPlainString() + "|" + decimal(r.get("avg_age_days")).toPlainString()
          + "|" + r.get("max_days_since_change") + "|" + r.get("past_close_date"));
    }
    return out;
  }

  /**
   * The mart's figures from the raw rows. A timestamp's day is the warehouse session's (CAST AS DATE here, in a
   * session of this JVM's zone like the build's), not UTC's: the two differ on a machine outside UTC.
   */
  private static Map<String, String> expected(ExampleJobWarehouse w, LocalDate asOf) throws Exception {
    List<Map<String, Object>> open = w.rows("SELECT stage_name, amount, close_date, is_closed, _tributary_deleted,"
        + " CAST(created_date AS DATE) AS created, CAST(system_modstamp AS DATE) AS changed"
        + " FROM raw.opportunities").stream().filter(ExampleJobWarehouse::live)
        .filter(o -> !Boolean.TRUE.equals(o.get("is_closed"))).toList();
    assertThat(open).hasSizeGreaterThan(400);
    Map<String, String> out = new TreeMap<>();
    open.stream().collect(Collectors.groupingBy(o -> bucket(days(o.get("created"), asOf)) + "|" + o.get("stage_name")))
        .forEach((key, group) -> {
          BigDecimal amount = group.stream().map(o -> o.get("amount")).filter(a -> a != null)
              .map(ExampleJobWarehouse::decimal).reduce(BigDecimal.ZERO, BigDecimal::add);
          BigDecimal avgAge = BigDecimal.valueOf(group.stream().mapToLong(o -> days(o.get("created"), asOf)).sum())
              .divide(BigDecimal.valueOf(group.size()), 1, java.math.RoundingMode.HALF_UP);
          out.put(key, asOf + "|" + group.size() + "|" + money(amount, 2) + "|" + avgAge.toPlainString() + "|"
              + group.stream().mapToLong(o -> days(o.get("changed"), asOf)).max().orElseThrow() + "|"
              + group.stream().filter(o -> o.get("close_date") != null
                  && LocalDate.parse(o.get("close_date").toString()).isBefore(asOf)).count());
        });
    return out;
  }

  private static long days(Object date, LocalDate asOf) {
    return ChronoUnit.DAYS.between(LocalDate.parse(date.toString()), asOf);
  }

  private static String bucket(long days) {
    return days <= 30 ? "0-30 days" : days <= 90 ? "31-90 days" : days <= 180 ? "91-180 days"
        : days <= 365 ? "181-365 days" : "over 365 days";
  }
}
