package io.tributary.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tributary.sandbox.RowKey;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxClock;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.SandboxHttp;
import io.tributary.sandbox.VendorResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Bulk API 2.0 query jobs: create (state UploadComplete), poll (InProgress until the job's assumed processing time
 * has passed on the sandbox clock, and for at least {@code bulk-polls} polls; then JobComplete), list, and read results
 * as CSV pages with {@code Sforce-Locator} (literal {@code null} on the last page) and {@code Sforce-NumberOfRecords}.
 * Results are streamed; locators are base64 of the next offset, like the docs' example {@code MTAwMDA} ("10000").
 *
 * <p>{@code createdDate} is stamped from the wall clock, truncated to the second like the docs' examples: the JDK
 * server writes every response's {@code Date} header from the wall clock itself, and a client compares the two, as
 * both come from one clock on Salesforce. The processing time runs on the sandbox clock, so tests can advance it.
 */
record SalesforceBulkEndpoint(SandboxDataset dataset, SalesforceRecordWriter writer,
    SalesforceSandboxSettings settings, SandboxClock clock, String userId, AtomicLong jobSeq, Map<String, Job> jobs,
    AtomicInteger lostCreates) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_MAX_RECORDS = 50_000;
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder()
      .setQuoteMode(QuoteMode.ALL_NON_NULL).setNullString("").setRecordSeparator("\n").get();

  /**
   * One query job and where each served result page ended; {@code total} stays -1 until the job completes.
   *
   * @param created the wall-clock second of the create (reported as createdDate)
   * @param readyAt when the job's assumed processing ends, on the sandbox clock
   */
  private record Job(String id, String operation, SoqlQuery query, String version, Instant created, Instant readyAt,
      AtomicInteger polls, Map<Long, RowKey> resumeAt, AtomicLong total) {

    Job(String id, String operation, SoqlQuery query, String version, Instant created, Instant readyAt) {
      this(id, operation, query, version, created, readyAt, new AtomicInteger(), new ConcurrentHashMap<>(),
          new AtomicLong(-1));
    }

    boolean complete() {
      return total.get() >= 0;
    }
  }

  SalesforceBulkEndpoint(SandboxDataset dataset, SalesforceRecordWriter writer, SalesforceSandboxSettings settings,
      SandboxClock clock, String userId) {
    this(dataset, writer, settings, clock, userId, new AtomicLong(1), new ConcurrentHashMap<>(), new AtomicInteger());
  }

  /**
   * The next {@code n} creates make their job but answer 500 UNKNOWN_EXCEPTION, as when the answer is lost after the
   * request reached Salesforce.
   */
  void loseCreateAnswers(int n) {
    lostCreates.addAndGet(n);
  }

  /** POST /jobs/query. */
  void create(HttpExchange ex, String version) throws IOException {
    JsonNode body;
    try {
      body = JSON.readTree(SandboxHttp.body(ex));
    } catch (IOException e) {
      SandboxHttp.send(ex, SalesforceJson.error(400, "JSON_PARSER_ERROR", "Unexpected character in request body"));
      return;
    }
    String operation = body.path("operation").asText("");
    if (!operation.equals("query") && !operation.equals("queryAll")) {
      SandboxHttp.send(ex, SalesforceJson.error(400, "INVALIDJOB",
          "InvalidJob : Invalid operation: '" + operation + "'. Use query or queryAll"));
      return;
    }
    SoqlQuery query;
    try {
      query = SoqlParser.parse(body.path("query").asText(""));
    } catch (SoqlException e) {
      SandboxHttp.send(ex, SalesforceJson.error(400, e.errorCode(), e.getMessage()));
      return;
    }
    String unsupported = unsupported(query);
    if (unsupported != null) {
      // Simulator approximation: Bulk query rejects aggregates and compound fields; the exact body is unverified.
      SandboxHttp.send(ex, SalesforceJson.error(400, "FUNCTIONALITY_NOT_ENABLED", unsupported));
      return;
    }
    Job job = new Job(SalesforceIds.of("750", jobSeq.getAndIncrement()), operation, query, version,
        Instant.now().truncatedTo(ChronoUnit.SECONDS), clock.now().plus(processing(query, operation)));
    jobs.put(job.id(), job);
    if (lostCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      SandboxHttp.send(ex, SalesforceJson.error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred."));
      return;
    }
    SandboxHttp.send(ex, VendorResponse.json(200, info(job, false).toPrettyString()));
  }

  /**
   * GET /jobs/query: every query job in one set ({@code done:true}, {@code nextRecordsUrl:null}), Bulk API 2.0
   * guide "Get Information About All Query Jobs". The sandbox ignores the jobType filter: it has V2Query jobs only.
   */
  void list(HttpExchange ex) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("done", true);
    var records = n.putArray("records");
    jobs.values().stream().sorted(java.util.Comparator.comparing((Job j) -> j.id())).forEach(j -> {
      ObjectNode info = info(j, true);
      info.remove(List.of("numberRecordsProcessed", "retries", "totalProcessingTime"));
      records.add(info);
    });
    n.putNull("nextRecordsUrl");
    SandboxHttp.send(ex, VendorResponse.json(200, n.toPrettyString()));
  }

  /** GET /jobs/query/{id}. */
  void status(HttpExchange ex, String jobId) throws IOException {
    Job job = jobs.get(jobId);
    if (job == null) {
      SandboxHttp.send(ex, notFound());
      return;
    }
    if (!job.complete() && job.polls().incrementAndGet() > settings.bulkPolls()
        && !clock.now().isBefore(job.readyAt())) {
      job.total().set(total(job));
    }
    SandboxHttp.send(ex, VendorResponse.json(200, info(job, true).toPrettyString()));
  }

  /** GET /jobs/query/{id}/results?maxRecords=N&locator=L. */
  void results(HttpExchange ex, String version, String jobId, boolean corrupt) throws IOException {
    Job job = jobs.get(jobId);
    if (job == null) {
      SandboxHttp.send(ex, notFound());
      return;
    }
    if (!job.version().equals(version)) {
      // The docs state a 409 for a different API version; this body is the simulator's wording.
      SandboxHttp.send(ex, SalesforceJson.error(409, "INVALIDJOB", "Use the same API version (" + job.version()
          + ") to get query results that you used to create the query job"));
      return;
    }
    if (!job.complete()) {
      SandboxHttp.send(ex, SalesforceJson.error(412, "JOB_NOT_COMPLETE", "can only download query results of"
          + " successfully completed bulk job with status: JOB_COMPLETE. Current status: IN_PROGRESS"));
      return;
    }
    Map<String, String> params = SandboxHttp.query(ex);
    long offset = locatorOffset(params.get("locator"));
    int max = maxRecords(params.get("maxRecords"));
    if (offset < 0 || offset > job.total().get() || (offset > 0 && !job.resumeAt().containsKey(offset))) {
      SandboxHttp.send(ex, SalesforceJson.error(400, "INVALIDLOCATOR", "Invalid locator: " + params.get("locator")));
      return;
    }
    long n = Math.min(max, job.total().get() - offset);
    boolean last = offset + n >= job.total().get();
    ex.getResponseHeaders().set("Content-Type", "text/csv");
    ex.getResponseHeaders().set("Sforce-NumberOfRecords", Long.toString(n));
    ex.getResponseHeaders().set("Sforce-Locator", last ? "null" : locator(offset + n));
    ex.sendResponseHeaders(200, 0);
    SoqlQuery q = job.query();
    Iterator<RowState> rows = dataset.scan(q.object().name(), job.resumeAt().getOrDefault(offset, q.after()),
        q.before(), job.operation().equals("queryAll"));
    try (BufferedWriter out = new BufferedWriter(
        new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter csv = new CSVPrinter(out, CSV)) {
      csv.printRecord(q.fields());
      RowKey end = null;
      for (long i = 0; i < n && rows.hasNext(); i++) {
        RowState row = rows.next();
        csv.printRecord(writer.csvRow(q, row, corrupt && i == 0));
        end = row.key();
      }
      if (!last && end != null) {
        job.resumeAt().put(offset + n, end);
      }
    }
    ex.close();
  }

  private long total(Job job) {
    return rows(job.query(), job.operation());
  }

  private long rows(SoqlQuery q, String operation) {
    long count = dataset.count(q.object().name(), q.after(), q.before(), operation.equals("queryAll"));
    return q.limit() >= 0 ? Math.min(count, q.limit()) : count;
  }

  /** The assumed processing time of a job (no vendor figure exists; see SalesforceSandboxSettings). */
  private Duration processing(SoqlQuery q, String operation) {
    long rows = rows(q, operation);
    return Duration.ofMillis(settings.bulkStartMillis()).plusNanos(
        (long) Math.min(Long.MAX_VALUE, rows * 1e9 / settings.bulkRowsPerSecond()));
  }

  private ObjectNode info(Job job, boolean status) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", job.id());
    n.put("operation", job.operation());
    n.put("object", job.query().object().name());
    n.put("createdById", userId);
    n.put("createdDate", SalesforceJson.DATETIME.format(job.created()));
    n.put("systemModstamp", SalesforceJson.DATETIME.format(job.created()));
    n.put("state", !status ? "UploadComplete" : job.complete() ? "JobComplete" : "InProgress");
    n.put("concurrencyMode", "Parallel");
    n.put("contentType", "CSV");
    n.put("apiVersion", Double.parseDouble(job.version()));
    if (status) {
      n.put("jobType", "V2Query");
    }
    n.put("lineEnding", "LF");
    n.put("columnDelimiter", "COMMA");
    if (status) {
      n.put("numberRecordsProcessed", job.complete() ? job.total().get() : 0);
      n.put("retries", 0);
      n.put("totalProcessingTime", job.complete() ? 100 + job.total().get() / 1000 : 0);
    }
    return n;
  }

  private static String unsupported(SoqlQuery q) {
    if (q.count()) {
      return "Aggregate queries are not supported by Bulk API query jobs";
    }
    List<String> fields = q.fields();
    for (String f : fields) {
      SalesforceField field = f.contains(".") ? null : q.object().field(f);
      if (field != null && field.compound()) {
        return "Selecting compound data not supported in Bulk Query";
      }
    }
    return null;
  }

  private static VendorResponse notFound() {
    return SalesforceJson.error(404, "NOT_FOUND", "The requested resource does not exist");
  }

  static String locator(long offset) {
    return Base64.getEncoder().withoutPadding().encodeToString(Long.toString(offset).getBytes(StandardCharsets.UTF_8));
  }

  private static long locatorOffset(String locator) {
    if (locator == null || locator.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(new String(Base64.getDecoder().decode(locator), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static int maxRecords(String value) {
    if (value == null) {
      return DEFAULT_MAX_RECORDS;
    }
    try {
      return Math.max(1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return DEFAULT_MAX_RECORDS;
    }
  }
}
