package io.tributary.source.workday;

import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Workday stream: one custom report enabled as a web service. Its rows are the {@code Report_Entry} objects; the
 * columns are the report fields' aliases ("XML alias" in the report definition).
 *
 * @param owner the report owner's user name, the path segment before the report name
 * @param report the report's web-service name (the last path segment), default the stream name
 * @param prompts fixed prompt values, sent as query parameters
 * @param fromPrompt the date-range prompt's "from" parameter ({@code From_Date}), or null: the report is then read
 *     completely on every run
 * @param toPrompt the date-range prompt's "to" parameter ({@code To_Date})
 * @param startDate the first run's from date ({@code YYYY-MM-DD}), default 2000-01-01
 */
record WorkdayReport(String owner, String report, Map<String, String> prompts, String fromPrompt, String toPrompt,
    String startDate) {

  private static final Set<String> KEYS = Set.of("owner", "report", "prompts", "date_range_prompt", "start_date");

  @SuppressWarnings("unchecked")
  static WorkdayReport parse(String stream, Map<String, Object> options) {
    Map<String, Object> o = StreamOptions.known(stream, options, KEYS, "Workday streams accept " + KEYS);
    if (o.get("owner") == null) {
      throw TributaryException.config("Workday stream " + stream + " needs options.owner",
          "write options: { owner: ISU_Tributary, report: Workers_Changed } as in the report's web-service URL"
              + " .../customreport2/<tenant>/<owner>/<report>");
    }
    Map<String, String> prompts = new LinkedHashMap<>();
    if (o.get("prompts") instanceof Map<?, ?> p) {
      p.forEach((k, v) -> prompts.put(String.valueOf(k), String.valueOf(v)));
    }
    String from = null;
    String to = null;
    if (o.get("date_range_prompt") instanceof Map<?, ?> range) {
      from = (String) ((Map<String, Object>) range).get("from");
      to = (String) ((Map<String, Object>) range).get("to");
      if (from == null || to == null) {
        throw TributaryException.config("Workday stream " + stream + ": date_range_prompt needs from and to",
            "write date_range_prompt: { from: From_Date, to: To_Date } (the prompts' web-service parameter names)");
      }
    }
    String start = o.get("start_date") == null ? "2000-01-01" : String.valueOf(o.get("start_date"));
    if (!start.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw TributaryException.config("Workday stream " + stream + ": start_date '" + start + "' is not a date",
          "write start_date: 2024-01-01");
    }
    String report = o.get("report") == null ? stream : String.valueOf(o.get("report"));
    return new WorkdayReport(String.valueOf(o.get("owner")), report, prompts, from, to, start);
  }

  boolean incremental() {
    return fromPrompt != null;
  }

  /** {@code owner/report}, as users know it from the web-service URL. */
  String name() {
    return owner + "/" + report;
  }
}
