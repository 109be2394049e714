package io.tributary.sandbox.ga4;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The simulated property's event data, the ground truth of every report: one row per {@code date x country x
 * deviceCategory} for the days of history ending at the simulator's today. Metric values derive from the seed, the
 * tuple and the day's revision; {@link #restate} raises the revision of the last days, as GA4 does while it still
 * processes late events ("[GA4] Data freshness": up to 72 hours for daily tables).
 */
public final class Ga4Property {

  public static final List<String> COUNTRIES = List.of("Brazil", "Canada", "France", "Germany", "India", "Japan",
      "United Kingdom", "United States");
  public static final List<String> DEVICES = List.of("desktop", "mobile", "tablet");
  public static final int TUPLES_PER_DAY = COUNTRIES.size() * DEVICES.size();
  public static final List<String> DIMENSIONS = List.of("date", "country", "deviceCategory");
  /** Metric name to its {@code MetricType}; engagementRate is a ratio, recomputed after aggregation. */
  public static final Map<String, String> METRICS = Map.of("activeUsers", "TYPE_INTEGER", "sessions", "TYPE_INTEGER",
      "screenPageViews", "TYPE_INTEGER", "engagementRate", "TYPE_FLOAT");

  private final long seed;
  private final long days;
  private final Map<LocalDate, Integer> revisions = new ConcurrentHashMap<>();

  Ga4Property(long seed, long rows) {
    this.seed = seed;
    this.days = (rows + TUPLES_PER_DAY - 1) / TUPLES_PER_DAY;
  }

  /** One fact row: its dimension values and additive measures (activeUsers, sessions, engaged, screenPageViews). */
  public record Fact(LocalDate date, String country, String device, long users, long sessions, long engaged,
      long views) {

    String dimension(String name) {
      return switch (name) {
        case "date" -> date.toString().replace("-", "");
        case "country" -> country;
        default -> device;
      };
    }
  }

  /** Every fact between {@code from} and {@code to} inclusive, as of now. */
  public List<Fact> facts(LocalDate today, LocalDate from, LocalDate to) {
    List<Fact> out = new ArrayList<>();
    LocalDate first = today.minusDays(days - 1);
    for (LocalDate d = from.isBefore(first) ? first : from; !d.isAfter(to) && !d.isAfter(today); d = d.plusDays(1)) {
      int rev = revisions.getOrDefault(d, 0);
      for (String c : COUNTRIES) {
        for (String dev : DEVICES) {
          SplittableRandom r = new SplittableRandom(seed ^ (d.toEpochDay() * 1_000_003L + c.hashCode() * 31L
              + dev.hashCode()) ^ (rev * 0x9E3779B97F4A7C15L));
          long users = 1 + r.nextInt(500);
          long sessions = users + r.nextInt(300);
          out.add(new Fact(d, c, dev, users, sessions, r.nextLong(sessions + 1), sessions + r.nextInt(2_000)));
        }
      }
    }
    return out;
  }

  /** Late data: every value of the days from {@code from} on changes. */
  public void restate(LocalDate from, LocalDate today) {
    for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
      revisions.merge(d, 1, Integer::sum);
    }
  }

  /**
   * The report's rows (dimension values in request order, then metric values as the API's strings), grouped by the
   * requested dimensions and sorted by them, over the facts that pass {@code filter}.
   */
  public static List<List<String>> report(List<Fact> facts, List<String> dims, List<String> metrics,
      Predicate<Fact> filter) {
    Map<List<String>, long[]> groups = new TreeMap<>(Ga4Property::compare);
    for (Fact f : facts) {
      if (!filter.test(f)) {
        continue;
      }
      List<String> key = dims.stream().map(f::dimension).toList();
      long[] sum = groups.computeIfAbsent(key, k -> new long[4]);
      sum[0] += f.users();
      sum[1] += f.sessions();
      sum[2] += f.engaged();
      sum[3] += f.views();
    }
    List<List<String>> rows = new ArrayList<>();
    groups.forEach((key, sum) -> {
      List<String> row = new ArrayList<>(key);
      for (String m : metrics) {
        row.add(switch (m) {
          case "activeUsers" -> Long.toString(sum[0]);
          case "sessions" -> Long.toString(sum[1]);
          case "screenPageViews" -> Long.toString(sum[3]);
          default -> Double.toString(sum[1] == 0 ? 0 : (double) sum[2] / sum[1]);
        });
      }
      rows.add(row);
    });
    return rows;
  }

  /** Metric values of one report row by name, for tests comparing a table with the truth. */
  public static Map<String, String> named(List<String> row, List<String> dims, List<String> metrics) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < dims.size(); i++) {
      out.put(dims.get(i), row.get(i));
    }
    for (int i = 0; i < metrics.size(); i++) {
      out.put(metrics.get(i), row.get(dims.size() + i));
    }
    return out;
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
