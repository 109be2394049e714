package io.tributary.source.workday;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TypedOptionsSource;
import io.tributary.http.AuthProvider;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Workday custom reports (RaaS). A report has no published schema in JSON; {@link #discover(String, Map)} runs
 * the report once and takes the columns from its entries' aliases (text as strings, nested groups and multi-instance
 * fields as JSON).
 */
final class WorkdaySource extends TypedOptionsSource<WorkdayReport> {

  private final WorkdayClient client;
  private final Clock clock;

  WorkdaySource(WorkdayConfig config, AuthProvider auth) {
    this(config, auth, Clock.systemUTC());
  }

  WorkdaySource(WorkdayConfig config, AuthProvider auth, Clock clock) {
    super(WorkdayReport::parse);
    this.client = new WorkdayClient(config, auth, new ObjectMapper());
    this.clock = clock;
  }

  /** Workday has no cheap "who am I" call over RaaS: check runs happen per stream, in {@link #discover}. */
  @Override
  public void check() {}

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    WorkdayReport report = options(stream, options);
    Map<String, String> prompts = new LinkedHashMap<>(report.prompts());
    if (report.incremental()) {
      prompts.put(report.fromPrompt(), report.startDate());
      prompts.put(report.toPrompt(), LocalDate.now(clock).toString());
    }
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (Map<String, Object> entry : client.entries(report, prompts)) {
      entry.forEach((alias, v) -> types.putIfAbsent(alias, v instanceof Map || v instanceof List ? ColumnType.JSON
          : ColumnType.STRING));
    }
    List<Column> cols = new ArrayList<>();
    types.forEach((alias, type) -> cols.add(Column.of(alias, type)));
    return new StreamSchema(stream, cols, List.of());
  }

  @Override
  protected StreamReader open(ReadRequest request, WorkdayReport report) {
    return new WorkdayStreamReader(client, report, request, clock);
  }
}
