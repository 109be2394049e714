package io.tributary.source.ga4;

import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.ga4.Ga4Property;
import io.tributary.sandbox.ga4.Ga4Routes;
import io.tributary.sandbox.ga4.Ga4SandboxSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sources, streams and ground truth against the GA4 simulator, shared by the GA4 ITs. */
final class Ga4TestSources {

  static final List<String> DIMS = List.of("date", "country", "deviceCategory");
  static final List<String> METRICS = List.of("activeUsers", "sessions", "engagementRate");
  static final Map<String, Object> REPORT = Map.of("dimensions", DIMS, "metrics", METRICS, "start_date",
      "400daysAgo");

  private Ga4TestSources() {}

  static Ga4Source source(SandboxServer sandbox, int minTokens) {
    String tokenUrl = sandbox.baseUrl() + Ga4SandboxSettings.TOKEN_PATH;
    Ga4Config config = new Ga4Config(Ga4SandboxSettings.PROPERTY_ID, null, sandbox.baseUrl(), tokenUrl, null,
        minTokens, Map.of("initial_backoff", "50ms", "max_backoff", "2s"));
    // the simulator's clock for the report's dates and the assertion's iat/exp alike: tests move it
    return new Ga4Source(config, Ga4ServiceAccountAuth.fromKeyFile(
        sandbox.routes(Ga4Routes.class).serviceAccountKey(tokenUrl), null, sandbox.clock().asClock()),
        sandbox.clock().asClock());
  }

  static StreamConfig stream(Map<String, Object> options) {
    return new StreamConfig("traffic", null, DIMS, List.of("date"), "0s", null, null, options, null, null, null);
  }

  static ReadRequest request(Map<String, Object> options, Cursor watermark, int pageSize) {
    return new ReadRequest("traffic", options, DIMS, List.of("date"), watermark, Duration.ZERO, pageSize, Map.of());
  }

  /** Key of a record or a truth row: date|country|device, date as YYYY-MM-DD. */
  static String key(Map<String, ?> row) {
    String d = String.valueOf(row.get("date"));
    String date = d.length() == 8 ? d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6) : d;
    return date + "|" + row.get("country") + "|" + row.get("deviceCategory");
  }

  /** The simulator's report over its whole history now: key to "activeUsers sessions engagementRate". */
  static Map<String, String> truth(SandboxServer sandbox) {
    Ga4Routes routes = sandbox.routes(Ga4Routes.class);
    return truth(sandbox, routes.today().minusDays(10_000), routes.today());
  }

  /** The simulator's report over {@code from..to} now. */
  static Map<String, String> truth(SandboxServer sandbox, LocalDate from, LocalDate to) {
    Ga4Routes routes = sandbox.routes(Ga4Routes.class);
    Map<String, String> out = new TreeMap<>();
    List<Ga4Property.Fact> facts = routes.property().facts(routes.today(), from, to);
    for (List<String> row : Ga4Property.report(facts, DIMS, METRICS, f -> true)) {
      Map<String, String> named = Ga4Property.named(row, DIMS, METRICS);
      out.put(key(named), Long.parseLong(named.get("activeUsers")) + " " + Long.parseLong(named.get("sessions"))
          + " " + Double.parseDouble(named.get("engagementRate")));
    }
    return out;
  }

  static String value(SourceRecord r) {
    Map<String, Object> f = r.fields();
    return f.get("activeUsers") + " " + f.get("sessions") + " " + f.get("engagementRate");
  }

  /** One read to the end: its records, pages and final watermark. */
  record Run(List<SourceRecord> records, int pages, Cursor watermark, long reportedTotal) {

    /** Upserts this run's rows into {@code table} by the dimension tuple, as the sink's merge does. */
    void mergeInto(Map<String, String> table) {
      records.forEach(r -> table.put(key(r.fields()), value(r)));
    }
  }

  static Run read(Ga4Source source, Map<String, Object> options, Cursor watermark, int pageSize) {
    List<SourceRecord> out = new ArrayList<>();
    int pages = 0;
    try (StreamReader reader = source.open(request(options, watermark, pageSize))) {
      Cursor cursor = Cursor.START;
      while (true) {
        Page page = reader.read(cursor);
        pages++;
        out.addAll(page.records());
        if (page.done()) {
          return new Run(out, pages, page.watermark(), page.reportedTotal());
        }
        cursor = page.next();
      }
    }
  }

  /** Reads on from {@code cursor} to the last page, adding the records to {@code into}; the last page's watermark. */
  static Cursor readOn(StreamReader reader, Cursor cursor, List<SourceRecord> into) {
    Cursor at = cursor;
    while (true) {
      Page page = reader.read(at);
      into.addAll(page.records());
      if (page.done()) {
        return page.watermark();
      }
      at = page.next();
    }
  }

  static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    m.put(key, value);
    return m;
  }
}
