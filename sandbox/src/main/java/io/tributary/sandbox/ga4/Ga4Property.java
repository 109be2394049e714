package io.tributary.sandbox.ga4;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The simulated property's event data, the ground truth of every report: one row per {@code date x country x
 * deviceCategory} for the days of history ending at the simulator's first day, and for every day since, up to the
 * simulator's today: as on a real property, a day's data stays when the clock passes midnight and the new day's
 * joins it. Metric values derive from the seed, the
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
  private final LocalDate anchor;
  private final LocalDate first;
  private final Map<LocalDate, Integer> revisions = new ConcurrentHashMap<>();

  /** {@code rows} of history (whole days) ending on {@code anchor}. */
  Ga4Property(long seed, long rows, LocalDate anchor) {
    this.seed = seed;
    this.anchor = anchor;
    this.first = anchor.minusDays((rows + TUPLES_PER_DAY - 1) / TUPLES_PER_DAY - 1);
  }

  /** The simulator's first day (UTC): the last day of the history it started with. */
  public LocalDate anchor() {
    return anchor;
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

  /** One entry of a request's {@code orderBys}: a dimension (alphanumeric) or a metric (numeric), and its direction. */
  public record Order(String field, boolean metric, boolean desc) {}

  /**
   * The report's rows (dimension values in request order, then metric values as the API's strings), grouped by the
   * requested dimensions and sorted by them, over the facts that pass {@code filter}: the ground truth's order.
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

  /**
   * The report's rows in the order runReport returns them: by the request's {@code orderBys}, or without any,
   * descending by the first metric ("the default ordering of response rows is descending by the first metric").
   * Rows the order leaves tied keep the dimensions' ascending order, which the API does not promise.
   */
  public static List<List<String>> report(List<Fact> facts, List<String> dims, List<String> metrics,
      Predicate<Fact> filter, List<Order> orderBys) {
    List<Order> order = orderBys.isEmpty() ? List.of(new Order(metrics.get(0), true, true)) : orderBys;
    Comparator<List<String>> by = (a, b) -> 0;
    for (Order o : order) {
      int i = o.metric() ? dims.size() + metrics.indexOf(o.field()) : dims.indexOf(o.field());
      Comparator<List<String>> one = o.metric()
          ? Comparator.comparingDouble(row -> Double.parseDouble(row.get(i)))
          : Comparator.comparing(row -> row.get(i));
      by = by.thenComparing(o.desc() ? one.reversed() : one);
    }
    List<List<String>> rows = new ArrayList<>(report(facts, dims, metrics, filter));
    rows.sort(by);
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
