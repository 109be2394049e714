package io.tributary.source.workday;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.workday.WorkdayRoutes;
import io.tributary.sandbox.workday.WorkdaySandboxSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sources, streams and ground truth against the Workday simulator, shared by the Workday ITs. */
final class WorkdayTestSources {

  static final Map<String, Object> REPORT = Map.of("owner", WorkdaySandboxSettings.OWNER, "report",
      WorkdaySandboxSettings.REPORT, "date_range_prompt", Map.of("from", "From_Date", "to", "To_Date"));

  private WorkdayTestSources() {}

  static WorkdayConfig isu(SandboxServer sandbox, String password) {
    return new WorkdayConfig(sandbox.baseUrl(), WorkdaySandboxSettings.TENANT, WorkdaySandboxSettings.ISU_USER,
        null, null, null, null, null,
        Map.of("initial_backoff", "50ms", "max_backoff", "2s"));
  }

  /** An ISU source whose clock reads the simulator's date, so the to-date prompt matches its data. */
  static WorkdaySource source(SandboxServer sandbox, String password) {
    WorkdayConfig config = isu(sandbox, password);
    return new WorkdaySource(config, new io.tributary.auth.BasicAuth(config.username(), password),
        Clock.fixed(sandbox.clock().now(), ZoneOffset.UTC));
  }

  static List<SourceRecord> read(WorkdaySource source, Map<String, Object> options, Cursor watermark,
      Cursor[] nextWatermark) {
    try (StreamReader reader = source.open(new ReadRequest("workers", options, List.of("Employee_ID"),
        List.of("Last_Updated"), watermark, Duration.ZERO, 1000))) {
      Page page = reader.read(Cursor.START);
      nextWatermark[0] = page.watermark();
      return page.records();
    }
  }

  /** The report's truth now: Employee_ID to the whole entry. */
  static Map<String, String> truth(SandboxServer sandbox) {
    Map<String, String> out = new TreeMap<>();
    sandbox.dataset().rows(WorkdaySandboxSettings.OBJECT).map(WorkdayRoutes::entry)
        .forEach(e -> out.put((String) e.get("Employee_ID"), new TreeMap<>(e).toString()));
    return out;
  }

  static void merge(Map<String, String> table, List<SourceRecord> records) {
    records.forEach(r -> table.put((String) r.fields().get("Employee_ID"), new TreeMap<>(r.fields()).toString()));
  }
}
