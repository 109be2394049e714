package io.tributary.source.ga4;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one report with offset/limit paging over a fixed date range. The page cursor is the range plus the offset
 * reached ({@code start}, {@code end}, {@code offset}) and the latest date seen ({@code max}): runReport has no other
 * continuation. Offsets stay stable within one read because the range is fixed to absolute dates at its first page
 * (a relative {@code today} would move at the property's midnight and shift every offset) and because rows are
 * ordered by date first, so a day that GA4 adds or is still filling only grows the end of the report (rows of the
 * last day that move within it are read again by the next run's re-read window). A report with
 * a {@code date} dimension is incremental: its watermark is the last date read, and the next run starts
 * {@code reread_days} before it, so rows GA4 still changed after the last run (late events) are read again and merged
 * on the dimension tuple.
 *
 * <p>Every call asks for {@code returnPropertyQuota}; when the tokens left (hourly or daily) fall to
 * {@code quota_reserve} the reader stops before its next call with a QUOTA failure (exit 1): the pages read
 * so far are committed with their cursor and the next run continues from there.
 */
final class Ga4StreamReader implements StreamReader {

  static final String WATERMARK = "date";
  /** The zones whose calendars are earliest and latest: the fixed range never starts later or ends earlier. */
  static final ZoneOffset EARLIEST = ZoneOffset.ofHours(-12);
  static final ZoneOffset LATEST = ZoneOffset.ofHours(14);

  private final Ga4Client client;
  private final Ga4Report report;
  private final ReadRequest request;
  private final int limit;
  private final int minTokens;
  private final ObjectMapper json = new ObjectMapper();
  private final Clock clock;
  private long tokensLeft = -1;

  Ga4StreamReader(Ga4Client client, Ga4Report report, ReadRequest request, int limit, int minTokens, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.report = report;
    this.request = request;
    this.limit = limit;
    this.minTokens = minTokens;
  }

  @Override
  public Page read(Cursor cursor) {
    if (minTokens > 0 && tokensLeft >= 0 && tokensLeft <= minTokens) {
      throw new TributaryException(TributaryException.Kind.QUOTA, "GA4 property token quota nearly used: "
          + tokensLeft + " tokens left (quota_reserve " + minTokens + "); stopped with the cursor kept",
          "run again after the hourly (or daily) quota resets; the read continues where it stopped", null);
    }
    Instant now = clock.instant();
    String start = cursor.isStart() ? Ga4Report.absolute(firstDate(), now, EARLIEST) : cursor.get("start");
    String end = cursor.isStart() ? Ga4Report.absolute(report.endDate(), now, LATEST) : cursor.get("end");
    long offset = cursor.isStart() ? 0 : Long.parseLong(cursor.get("offset"));
    String max = cursor.isStart() ? null : cursor.get("max");
    Ga4Response page = client.runReport(report.body(json, start, end, offset, Math.min(limit, request.pageSize())));
    tokensLeft = page.tokensLeft();
    List<SourceRecord> records = new ArrayList<>(page.rows().size());
    for (Map<String, String> row : page.rows()) {
      Map<String, Object> rec = record(row, page.metricTypes());
      Object date = rec.get(Ga4Report.DATE);
      if (date != null && (max == null || date.toString().compareTo(max) > 0)) {
        max = date.toString();
      }
      records.add(SourceRecord.of(rec));
    }
    long next = offset + page.rows().size();
    if (!page.rows().isEmpty() && next < page.rowCount()) {
      Cursor c = Cursor.of("start", start, "end", end).with("offset", String.valueOf(next));
      return Page.more(records, max == null ? c : c.with("max", max), null).withReportedTotal(page.rowCount());
    }
    return Page.last(records, watermark(max)).withReportedTotal(page.rowCount());
  }

  /** The first run's start date, or {@code reread_days} before the last date the previous run read. */
  private String firstDate() {
    String last = report.incremental() ? request.watermark().get(WATERMARK) : null;
    if (last == null) {
      return report.startDate();
    }
    String from = LocalDate.parse(last).minusDays(report.rereadDays()).toString();
    // a start_date later than the re-read window still bounds the read
    return report.startDate().matches("\\d{4}-.*") && report.startDate().compareTo(from) > 0 ? report.startDate()
        : from;
  }

  private Cursor watermark(String max) {
    if (!report.incremental()) {
      return null;
    }
    return max != null ? Cursor.of(WATERMARK, max) : request.watermark().isStart() ? null : request.watermark();
  }

  private static Map<String, Object> record(Map<String, String> row, Map<String, String> types) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach((name, value) -> out.put(name, value(name, value, types.get(name))));
    return out;
  }

  /** The API sends every value as a string: {@code date} as YYYYMMDD, metrics by their {@code MetricType}. */
  static Object value(String name, String value, String metricType) {
    if (value == null) {
      return null;
    }
    if (metricType == null) {
      return name.equals(Ga4Report.DATE) && value.matches("\\d{8}")
          ? value.substring(0, 4) + "-" + value.substring(4, 6) + "-" + value.substring(6) : value;
    }
    try {
      return metricType.equals("TYPE_INTEGER") ? (Object) Long.parseLong(value) : (Object) Double.parseDouble(value);
    } catch (NumberFormatException e) {
      // kept as text so the mapper quarantines the row with this value instead of dropping it
      return value;
    }
  }
}
