package io.tributary.sandbox.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.sandbox.SandboxClock;
import io.tributary.sandbox.VendorResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The bulk extract job queue of bulk-extract.md, shared by leads and activities: at most 10 jobs queued or
 * processing ("1029, Too many jobs in queue"), at most 2 processing at once, a date filter of at most 31 days, and
 * the daily export allowance, metered by the completed files' sizes and reset at 12:00 AM US Central on the sandbox
 * clock ("1029, Export daily quota exceeded" at create and enqueue). A processing job completes after
 * {@code polls_to_complete} status polls. Thread-safe (one lock).
 */
public final class MarketoExportQueue {

  static final int MAX_QUEUED = 10;
  static final int MAX_PROCESSING = 2;
  static final Duration MAX_SPAN = Duration.ofDays(31);
  private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");

  private final MarketoRecords records;
  private final MarketoSandboxSettings settings;
  private final SandboxClock clock;
  private final Map<String, MarketoExportJob> jobs = new LinkedHashMap<>();
  private final Map<LocalDate, Long> exported = new LinkedHashMap<>();
  private final List<String> created = new ArrayList<>();
  private long sequence;

  MarketoExportQueue(MarketoRecords records, MarketoSandboxSettings settings, SandboxClock clock) {
    this.records = records;
    this.settings = settings;
    this.clock = clock;
  }

  /** The filters of every job created so far, in order, like {@code leads updatedAt <from>..<to>}. */
  public synchronized List<String> createdFilters() {
    return List.copyOf(created);
  }

  /** Bytes exported today (US Central) on the sandbox clock. */
  public synchronized long exportedToday() {
    return exported.getOrDefault(today(), 0L);
  }

  synchronized MarketoExportJob job(String kind, String id) {
    MarketoExportJob j = jobs.get(id);
    return j != null && j.kind.equals(kind) ? j : null;
  }

  synchronized VendorResponse create(String kind, String body) {
    JsonNode req;
    try {
      req = MarketoJson.JSON.readTree(body);
    } catch (IOException e) {
      return MarketoJson.error("609", "Invalid JSON");
    }
    if (quotaUsed()) {
      return MarketoJson.error("1029", "Export daily quota exceeded");
    }
    String format = req.path("format").asText("CSV");
    if (!format.equals("CSV")) {
      return MarketoJson.error("1003", "Unsupported format '" + format + "' (the simulator writes CSV only)");
    }
    boolean leads = kind.equals(MarketoRecords.LEADS);
    List<String> known = leads ? MarketoRecords.LEAD_FIELDS : MarketoRecords.ACTIVITY_FIELDS;
    List<String> fields = new ArrayList<>();
    req.path("fields").forEach(f -> fields.add(f.asText()));
    if (fields.isEmpty()) {
      if (leads) {
        return MarketoJson.error("1003", "fields is required");
      }
      fields.addAll(known);
    }
    for (String f : fields) {
      if (!known.contains(f)) {
        return MarketoJson.error("1003", "Invalid field '" + f + "'");
      }
    }
    JsonNode filter = req.path("filter");
    String field = filter.has("updatedAt") && leads ? "updatedAt" : "createdAt";
    JsonNode range = filter.path(field);
    if (range.isMissingNode()) {
      return MarketoJson.error("1003", "A " + (leads ? "createdAt or updatedAt" : "createdAt") + " filter is"
          + " required");
    }
    Instant from;
    Instant to;
    try {
      from = java.time.OffsetDateTime.parse(range.path("startAt").asText()).toInstant();
      to = java.time.OffsetDateTime.parse(range.path("endAt").asText()).toInstant();
    } catch (DateTimeParseException e) {
      return MarketoJson.error("1003", "Invalid date range: " + e.getParsedString());
    }
    if (to.isBefore(from) || Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      return MarketoJson.error("1003", "Date range must be 31 days or fewer (startAt " + from + ", endAt " + to
          + ")");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    req.path("columnHeaderNames").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    List<Long> types = new ArrayList<>();
    filter.path("activityTypeIds").forEach(t -> types.add(t.asLong()));
    String id = new UUID(0x5a4db0c5L << 32 | ++sequence, sequence * 0x9E3779B97F4A7C15L).toString();
    MarketoExportJob job = new MarketoExportJob(id, kind, List.copyOf(fields), headers, field, from, to,
        List.copyOf(types), clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    jobs.put(id, job);
    created.add(job.filter());
    return MarketoJson.ok(List.of(job.json()));
  }

  synchronized VendorResponse enqueue(String kind, String id) {
    return onJob(kind, id, this::enqueue);
  }

  private VendorResponse enqueue(MarketoExportJob job) {
    if (!job.status.equals("Created")) {
      return MarketoJson.error("1029", "Job already queued");
    }
    if (quotaUsed()) {
      return MarketoJson.error("1029", "Export daily quota exceeded");
    }
    if (count("Queued") + count("Processing") >= MAX_QUEUED) {
      return MarketoJson.error("1029", "Too many jobs in queue");
    }
    job.status = "Queued";
    job.queuedAt = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return MarketoJson.ok(List.of(job.json()));
  }

  synchronized VendorResponse status(String kind, String id) {
    return onJob(kind, id, job -> {
      work();
      return MarketoJson.ok(List.of(job.json()));
    });
  }

  synchronized VendorResponse cancel(String kind, String id) {
    return onJob(kind, id, job -> {
      if (!job.status.equals("Completed")) {
        job.status = "Cancelled";
      }
      return MarketoJson.ok(List.of(job.json()));
    });
  }

  /** Runs {@code action} on the export, or answers 1003 when this API user has no such export. */
  private VendorResponse onJob(String kind, String id, java.util.function.Function<MarketoExportJob,
      VendorResponse> action) {
    MarketoExportJob job = job(kind, id);
    return job == null ? MarketoJson.error("1003", "Export id " + id + " not found") : action.apply(job);
  }

  synchronized VendorResponse list(String kind) {
    List<ObjectNode> out = new ArrayList<>();
    jobs.values().stream().filter(j -> j.kind.equals(kind)).forEach(j -> out.add(j.json()));
    return MarketoJson.ok(out);
  }

  /**
   * One step of the export workers, taken at every status poll (of any job): queued jobs start while fewer than two
   * process, in queue order, and each processing job completes after {@code polls_to_complete} steps.
   */
  private void work() {
    for (MarketoExportJob j : jobs.values()) {
      if (j.status.equals("Queued") && count("Processing") < MAX_PROCESSING) {
        j.status = "Processing";
        j.startedAt = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      }
    }
    for (MarketoExportJob j : jobs.values()) {
      if (j.status.equals("Processing") && ++j.polls >= settings.pollsToComplete()) {
        complete(j);
      }
    }
  }

  private void complete(MarketoExportJob job) {
    List<Map<String, String>> rows = new ArrayList<>();
    if (job.kind.equals(MarketoRecords.LEADS)) {
      rows.addAll(records.leads(job.filterField, job.from, job.to).values());
    } else {
      records.activities(job.from, job.to).values().stream()
          .filter(a -> job.activityTypeIds.isEmpty()
              || job.activityTypeIds.contains(Long.parseLong(a.get("activityTypeId"))))
          .forEach(rows::add);
    }
    job.file = render(job, rows);
    job.records = rows.size();
    job.status = "Completed";
    job.finishedAt = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    exported.merge(today(), (long) job.file.length, Long::sum);
  }

  private static byte[] render(MarketoExportJob job, List<Map<String, String>> rows) {
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    try (CSVPrinter csv = new CSVPrinter(out, format)) {
      csv.printRecord(job.fields.stream().map(f -> job.headerNames.getOrDefault(f, f)).toList());
      for (Map<String, String> row : rows) {
        csv.printRecord(job.fields.stream().map(f -> row.get(f) == null ? "null" : row.get(f)).toList());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private boolean quotaUsed() {
    return exported.getOrDefault(today(), 0L) >= settings.dailyQuotaBytes();
  }

  private LocalDate today() {
    return clock.now().atZone(CENTRAL).toLocalDate();
  }

  private long count(String status) {
    return jobs.values().stream().filter(j -> j.status.equals(status)).count();
  }
}
