package io.tributary.source.ga4;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TypedOptionsSource;
import io.tributary.http.AuthProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads GA4 reports through the Data API. A stream is a report declared in the job; its columns are its dimensions
 * (strings, {@code date} as a DATE) and metrics (typed by the API's metric headers); its primary key is the dimension
 * tuple. Holds one {@link Ga4Client}.
 */
final class Ga4Source extends TypedOptionsSource<Ga4Report> {

  private static final Map<String, Object> PROBE = Map.of("dimensions", List.of("date"), "metrics",
      List.of("activeUsers"), "start_date", "yesterday");

  private final Ga4Client client;
  private final Ga4Config config;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  Ga4Source(Ga4Config config, AuthProvider auth) {
    this(config, auth, Clock.systemUTC());
  }

  /** With the clock that fixes a read's relative dates: tests pass the simulator's. */
  Ga4Source(Ga4Config config, AuthProvider auth, Clock clock) {
    super(Ga4Report::parse);
    this.config = config;
    this.clock = clock;
    this.client = new Ga4Client(config, auth, json);
  }

  /** One cheap report (yesterday's active users): proves the key, the token and the property access. */
  @Override
  public void check() {
    discover("check", PROBE);
  }

  /** No report exists before the job declares it: the probe report stands for the property. */
  @Override
  public List<StreamSchema> discover() {
    return List.of(discover("daily_active_users", PROBE));
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    Ga4Report report = options(stream, options);
    // One row is enough: the metric headers carry the types even when the range has no data.
    Ga4Response probe = client.runReport(report.body(json, "yesterday", "today", 0, 1));
    List<Column> cols = new ArrayList<>();
    for (String d : report.dimensions()) {
      cols.add(Column.of(d, d.equals(Ga4Report.DATE) ? ColumnType.DATE : ColumnType.STRING));
    }
    for (String m : report.metrics()) {
      cols.add(Column.of(m, "TYPE_INTEGER".equals(probe.metricTypes().get(m)) ? ColumnType.INTEGER
          : ColumnType.DOUBLE));
    }
    return new StreamSchema(stream, cols, report.dimensions());
  }

  @Override
  protected StreamReader open(ReadRequest request, Ga4Report report) {
    return new Ga4StreamReader(client, report, request, config.pageSizeOrDefault(), config.minTokensOrDefault(),
        clock);
  }
}
