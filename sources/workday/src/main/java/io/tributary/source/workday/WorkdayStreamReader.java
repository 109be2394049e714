package io.tributary.source.workday;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one report in one call (RaaS has no paging). With a date-range prompt the report is incremental: the first
 * run asks for {@code start_date .. today}, later runs for {@code last to-date .. today} (that day again, so rows
 * changed later on it are not missed; the sink merges on the primary key), and the watermark is the to-date sent.
 */
record WorkdayStreamReader(WorkdayClient client, WorkdayReport report, ReadRequest request, Clock clock)
    implements StreamReader {

  static final String WATERMARK = "to_date";

  @Override
  public Page read(Cursor cursor) {
    Map<String, String> prompts = new LinkedHashMap<>(report.prompts());
    String to = LocalDate.now(clock).toString();
    if (report.incremental()) {
      String last = request.watermark().get(WATERMARK);
      prompts.put(report.fromPrompt(), last == null ? report.startDate() : last);
      prompts.put(report.toPrompt(), to);
    }
    List<SourceRecord> records = client.entries(report, prompts).stream().map(SourceRecord::of).toList();
    return Page.last(records, report.incremental() ? Cursor.of(WATERMARK, to) : null)
        .withReportedTotal(records.size());
  }
}
