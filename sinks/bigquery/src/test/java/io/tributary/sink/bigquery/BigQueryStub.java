package io.tributary.sink.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stub of the BigQuery v2 REST endpoints the client uses, shaped by the discovery document and the
 * recorded responses in {@code shared/fixtures/bigquery}: datasets get/insert, tables get/insert/patch/delete,
 * jobs.insert (plain and resumable upload), jobs.get, jobs.getQueryResults and jobs.query. It keeps datasets, table
 * schemas and the {@code _tributary_state} row (set by the publishing script's parameters, as BigQuery would), and
 * records every call. {@link #failNextLoad} makes the next load job finish with {@code status.errorResult}.
 */
public final class BigQueryStub implements AutoCloseable {

  /** One recorded call: method, path (query string without upload ids) and the JSON body, if any. */
  record Call(String method, String path, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper EXACT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)).build();
  private static final Pattern PROJECT = Pattern.compile("^/(?:upload/)?bigquery/v2/projects/([^/]+)(/.*)?$");

  private final HttpServer server;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ObjectNode> datasets = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> tables = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> jobs = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> uploads = new ConcurrentHashMap<>();
  private final Map<String, ByteArrayOutputStream> uploadBytes = new ConcurrentHashMap<>();
  /** Uploaded NDJSON per load job id. */
  final Map<String, String> loaded = new ConcurrentHashMap<>();
  /** The NDJSON a table was last loaded with, by table id: what PARSE_JSON reads at publish. */
  private final Map<String, String> stagedByTable = new ConcurrentHashMap<>();
  /**
   * The state row: job|stream → [instance_id, position, spool_id, target_table, target_rows, writer] (an empty
   * target_table for a row only claimed).
   */
  final Map<String, List<String>> state = new ConcurrentHashMap<>();
  /** The rows of each target table (dataset.table) as the publishing scripts left them: staged NDJSON objects. */
  private final Map<String, List<JsonNode>> rows = new ConcurrentHashMap<>();
  volatile boolean failNextLoad;
  volatile boolean failNextQuery;
  /** The next publishing script stays RUNNING (its effects not applied) until {@link #releaseStalled()}. */
  volatile boolean stallNextPublish;
  private final List<ObjectNode> stalled = Collections.synchronizedList(new ArrayList<>());
  /** Table deletes answer 403, as for a role without bigquery.tables.delete. */
  volatile boolean failDeletes;
  private int ids;

  public BigQueryStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The next load job (the upload at a publish) finishes with {@code status.errorResult}. */
  public void failNextLoad() {
    failNextLoad = true;
  }

  /** Table deletes (the clean-up after a publish) answer 403 while {@code refuse} is true. */
  public void refuseTableDeletes(boolean refuse) {
    failDeletes = refuse;
  }

  /**
   * The state rows the claims and publishing scripts wrote: {@code job|stream} → [instance_id, position, spool_id,
   * target_table, target_rows, writer].
   */
  public Map<String, List<String>> stateRows() {
    return Map.copyOf(state);
  }

  /** How many NDJSON lines the load jobs received, over all load jobs. */
  public long loadedLines() {
    return loaded.values().stream().mapToLong(ndjson -> ndjson.lines().count()).sum();
  }

  /** The multi-statement scripts (publishes) submitted as query jobs, in order. */
  public List<String> publishScripts() {
    return calls().stream().filter(c -> c.body() != null)
        .map(c -> c.body().path("configuration").path("query").path("query").asText())
        .filter(q -> q.startsWith("DECLARE ") && q.contains("\nBEGIN TRANSACTION")).toList();
  }

  /** One column of a target's rows ({@code dataset.table}), in the order the publishing scripts left them. */
  public synchronized List<String> column(String table, String column) {
    return rows.getOrDefault(table, List.of()).stream().map(r -> r.path(column).asText()).toList();
  }

  /** How many rows a target holds ({@code dataset.table}). */
  public synchronized int rowCount(String table) {
    return rows.getOrDefault(table, List.of()).size();
  }

  /** Deletes the first {@code n} rows of a target behind Tributary (all of them: a truncate). */
  public synchronized void deleteRows(String table, int n) {
    List<JsonNode> held = rows.getOrDefault(table, new ArrayList<>());
    held.subList(0, Math.min(n, held.size())).clear();
  }

  public boolean hasTable(String table) {
    return tables.containsKey(table);
  }

  /** Drops a target behind Tributary. */
  public synchronized void dropTable(String table) {
    tables.remove(table);
    rows.remove(table);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    try {
      byte[] body = x.getRequestBody().readAllBytes();
      if ("gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
      }
      String path = x.getRequestURI().getPath();
      String query = x.getRequestURI().getRawQuery();
      if (path.startsWith("/upload/") && query != null && query.contains("upload_id=")) {
        upload(x, query.replaceAll(".*upload_id=([^&]+).*", "$1"), body);
        return;
      }
      JsonNode json = body.length == 0 ? null : JSON.readTree(body);
      calls.add(new Call(x.getRequestMethod(), path + (query != null && query.contains("uploadType=resumable")
          ? "?uploadType=resumable" : ""), json == null ? null : json.deepCopy()));
      Matcher m = PROJECT.matcher(path);
      if (!m.matches()) {
        send(x, 404, error(404, "notFound", "Not found: " + path));
        return;
      }
      route(x, m.group(1), m.group(2) == null ? "" : m.group(2), json, path.startsWith("/upload/"));
    } catch (RuntimeException | IOException e) {
      System.err.println("BigQueryStub: " + x.getRequestMethod() + " " + x.getRequestURI() + " failed: " + e);
      e.printStackTrace();
      send(x, 500, error(500, "internalError", e.toString()));
    }
  }

  private void route(HttpExchange x, String project, String rest, JsonNode body, boolean upload) throws IOException {
    String method = x.getRequestMethod();
    String[] p = rest.split("/");
    if (rest.startsWith("/datasets") && p.length == 2 && method.equals("POST")) {
      ObjectNode ds = ((ObjectNode) body).put("kind", "bigquery#dataset");
      datasets.put(body.path("datasetReference").path("datasetId").asText(), ds);
      send(x, 200, ds);
    } else if (rest.startsWith("/datasets") && p.length == 2 && method.equals("GET")) {
      send(x, 200, JSON.createObjectNode().put("kind", "bigquery#datasetList"));
    } else if (rest.startsWith("/datasets") && p.length == 3) {
      ObjectNode ds = datasets.get(p[2]);
      send(x, ds == null ? 404 : 200, ds == null ? error(404, "notFound", "Not found: Dataset " + project + ":" + p[2])
          : ds);
    } else if (p.length == 4 && p[3].equals("tables") && method.equals("POST")) {
      ObjectNode t = ((ObjectNode) body).put("kind", "bigquery#table").put("type", "TABLE");
      tables.put(p[2] + "." + body.path("tableReference").path("tableId").asText(), t);
      send(x, 200, t);
    } else if (p.length == 5 && p[3].equals("tables")) {
      String key = p[2] + "." + p[4];
      ObjectNode t = tables.get(key);
      if (method.equals("DELETE") && failDeletes) {
        send(x, 403, error(403, "accessDenied", "Access Denied: Table " + key + ": Permission"
            + " bigquery.tables.delete denied"));
      } else if (method.equals("DELETE")) {
        tables.remove(key);
        rows.remove(key);
        send(x, t == null ? 404 : 204, t == null ? error(404, "notFound", "Not found: Table " + key) : null);
      } else if (t == null) {
        send(x, 404, error(404, "notFound", "Not found: Table " + project + ":" + key));
      } else if (method.equals("PATCH") || method.equals("PUT")) {
        t.setAll((ObjectNode) body);
        send(x, 200, t);
      } else {
        send(x, 200, t);
      }
    } else if (rest.equals("/jobs") && method.equals("POST")) {
      insertJob(x, project, (ObjectNode) body, upload);
    } else if (p.length == 3 && p[1].equals("jobs")) {
      ObjectNode job = jobs.get(p[2]);
      send(x, job == null ? 404 : 200, job == null ? error(404, "notFound", "Not found: Job " + p[2]) : job);
    } else if (p.length == 3 && p[1].equals("queries") && method.equals("GET")) {
      ObjectNode job = jobs.get(p[2]);
      ObjectNode r = JSON.createObjectNode().put("kind", "bigquery#getQueryResultsResponse");
      r.set("jobReference", job.get("jobReference"));
      r.put("totalRows", "0").put("jobComplete", !"RUNNING".equals(job.path("status").path("state").asText()))
          .putObject("schema").putArray("fields");
      send(x, 200, r);
    } else if (rest.equals("/queries") && method.equals("POST")) {
      String sql = body.path("query").asText();
      Matcher held = HELD.matcher(sql);
      if (sql.startsWith("SELECT writer FROM")) {
        send(x, 200, writerOf(project, params(body)));
      } else if (sql.contains("SUM(target_rows)")) {
        send(x, 200, single(project, "committed", committedRows(params(body))));
      } else if (held.find()) {
        send(x, 200, single(project, "held", rowCount(held.group(1))));
      } else {
        send(x, 200, selectState(project, body));
      }
    } else {
      send(x, 404, error(404, "notFound", "no stub for " + method + " " + rest));
    }
  }

  private void insertJob(HttpExchange x, String project, ObjectNode job, boolean upload) throws IOException {
    String id = job.path("jobReference").path("jobId").asText();
    if (jobs.containsKey(id)) {
      // BigQuery refuses a second jobs.insert with an existing job id (REST reference, jobs.insert: 409 duplicate)
      send(x, 409, error(409, "duplicate", "Already Exists: Job " + project + ":US." + id));
      return;
    }
    job.put("kind", "bigquery#job").put("id", project + ":US." + id);
    ((ObjectNode) job.get("jobReference")).put("projectId", project).put("location", "US");
    job.putObject("statistics").put("creationTime", "1640212609110").put("startTime", "1640212609276");
    jobs.put(id, job);
    if (upload) {
      String uploadId = "u" + (++ids);
      uploads.put(uploadId, job);
      uploadBytes.put(uploadId, new ByteArrayOutputStream());
      x.getResponseHeaders().add("Location", endpoint() + "/upload/bigquery/v2/projects/" + project
          + "/jobs?uploadType=resumable&upload_id=" + uploadId);
      send(x, 200, null);
      return;
    }
    if (failNextQuery) {
      failNextQuery = false;
      fail(job, "invalidQuery", "Query error: injected by the test");
    } else if (stallNextPublish && job.path("configuration").path("query").path("query").asText()
        .startsWith("DECLARE ")) {
      stallNextPublish = false;
      job.putObject("status").put("state", "RUNNING");
      stalled.add(job);
    } else {
      complete(project, job);
    }
    send(x, 200, job);
  }

  /** Finishes the stalled query jobs, as BigQuery would once they ran. */
  void releaseStalled() {
    synchronized (stalled) {
      for (ObjectNode job : stalled) {
        complete(job.path("jobReference").path("projectId").asText(), job);
      }
      stalled.clear();
    }
  }

  private void complete(String project, ObjectNode job) {
    String sql = job.path("configuration").path("query").path("query").asText();
    String rejected = parseJsonRejects(sql);
    if (rejected != null) {
      fail(job, "invalidQuery", rejected);
      return;
    }
    Map<String, String> params = params(job.path("configuration").path("query"));
    if (sql.startsWith("DECLARE ") || sql.startsWith("BEGIN TRANSACTION")) {
      String refused = assertionFails(sql, params);
      if (refused != null) {
        // a failed statement ends the script and rolls its transaction back: nothing of it applies
        fail(job, "invalidQuery", refused);
        return;
      }
      done(job);
      runScript(sql, params);
    } else if (sql.startsWith("MERGE `") && sql.contains("THEN UPDATE SET writer = s.writer")) {
      done(job);
      claim(params);
    } else {
      done(job);
    }
  }

  private static final Pattern ASSERT = Pattern.compile("ASSERT EXISTS \\(SELECT 1 FROM `[^`]+` WHERE job = @job AND"
      + " stream = @stream AND writer = @writer\\) AS '([^']*)'");

  /**
   * The ASSERT of the writer's claim, evaluated on the state rows as the script starts: its description as BigQuery
   * reports a false assertion, or null when the row names {@code @writer}.
   */
  private synchronized String assertionFails(String sql, Map<String, String> params) {
    Matcher a = ASSERT.matcher(sql);
    if (!a.find()) {
      return null;
    }
    List<String> row = state.get(params.get("job") + "|" + params.get("stream"));
    return row != null && row.get(5).equals(params.get("writer")) ? null : a.group(1) + " at [3:1]";
  }

  /** The claim's MERGE: the row names the writer; a stream without a row gets one of instance -1. */
  private synchronized void claim(Map<String, String> params) {
    String key = params.get("job") + "|" + params.get("stream");
    List<String> old = state.get(key);
    state.put(key, old == null ? List.of("-1", "{}", "", "", "0", params.get("writer"))
        : List.of(old.get(0), old.get(1), old.get(2), old.get(3), old.get(4), params.get("writer")));
  }

  private ObjectNode writerOf(String project, Map<String, String> params) {
    List<String> row = state.get(params.get("job") + "|" + params.get("stream"));
    ObjectNode r = JSON.createObjectNode().put("kind", "bigquery#queryResponse");
    r.putObject("schema").putArray("fields").addObject().put("name", "writer").put("type", "STRING")
        .put("mode", "NULLABLE");
    r.putObject("jobReference").put("projectId", project).put("jobId", "select_" + (++ids)).put("location", "US");
    ArrayNode out = r.putArray("rows");
    if (row != null) {
      out.addObject().putArray("f").addObject().put("v", row.get(5));
    }
    r.put("totalRows", row == null ? "0" : "1").put("jobComplete", true).put("cacheHit", false);
    return r;
  }

  private static final Pattern TABLE = Pattern.compile("`[^`.]+\\.([^`.]+)\\.([^`.]+)`");
  private static final Pattern HELD = Pattern.compile("^SELECT COUNT\\(\\*\\) AS held FROM `[^`.]+\\.([^`]+)`$");
  private static final Pattern KEYS = Pattern.compile("PARTITION BY (.+?) ORDER BY");

  /**
   * The publishing (and rebaselining) scripts, statement by statement, on the rows model: DELETE empties the target,
   * MERGE upserts the last staged row of each key, INSERT appends; COUNT(*) sees the script's own changes (BigQuery's
   * snapshot isolation), and the state MERGE records the rows the target gained.
   */
  private synchronized void runScript(String sql, Map<String, String> params) {
    long before = 0;
    for (String statement : sql.split(";\n")) {
      String st = statement.strip().replaceAll(";$", "");
      Matcher table = TABLE.matcher(st);
      String target = table.find() ? table.group(1) + "." + table.group(2) : "";
      if (st.startsWith("DELETE FROM `")) {
        rows.computeIfAbsent(target, k -> new ArrayList<>()).clear();
      } else if (st.startsWith("SET target_rows_before")) {
        before = rowCount(target);
      } else if (st.startsWith("UPDATE `") && target.endsWith("._tributary_state")) {
        state.replaceAll((k, v) -> k.startsWith(params.get("job") + "|") && v.get(3).equals(params.get("target_table"))
            ? List.of(v.get(0), v.get(1), v.get(2), v.get(3), "0", v.get(5)) : v);
      } else if (st.startsWith("MERGE `") && target.endsWith("._tributary_state")) {
        // a script that keeps no count (no @target_table) leaves the row's count empty
        String countedTable = params.getOrDefault("target_table", "");
        long added = countedTable.isEmpty() ? 0 : st.contains("@rows") ? Long.parseLong(params.get("rows"))
            : rowCount(target.substring(0, target.indexOf('.') + 1) + countedTable) - before;
        String key = params.get("job") + "|" + params.get("stream");
        List<String> old = state.get(key);
        if (old != null && st.contains("WHEN MATCHED AND t.writer = s.writer")
            && !old.get(5).equals(params.get("writer"))) {
          // WHEN MATCHED AND t.writer = s.writer: another writer's row is left as it is
          continue;
        }
        long total = old != null && old.get(3).equals(countedTable) ? Long.parseLong(old.get(4)) + added : added;
        state.put(key, List.of(params.get("instance_id"), params.get("position"), params.get("spool_id"),
            countedTable, Long.toString(total), params.get("writer")));
      } else if ((st.startsWith("MERGE `") || st.startsWith("INSERT INTO `")) && !target.endsWith("_quarantine")) {
        publish(target, st);
      }
    }
  }

  private void publish(String target, String statement) {
    Matcher from = STAGING_FROM.matcher(statement);
    from.find();
    List<JsonNode> staged = new ArrayList<>();
    for (String line : stagedByTable.getOrDefault(from.group(1), "").lines().toList()) {
      try {
        staged.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    Matcher keys = KEYS.matcher(statement);
    List<String> key = keys.find() ? java.util.Arrays.stream(keys.group(1).split(", "))
        .map(k -> k.replaceAll("^s\\.`|`$", "")).toList() : List.of();
    if (!key.isEmpty()) {
      Map<List<String>, JsonNode> latest = new java.util.LinkedHashMap<>();
      staged.forEach(r -> latest.put(key.stream().map(k -> r.path(k).toString()).toList(), r));
      staged = new ArrayList<>(latest.values());
    }
    List<JsonNode> held = rows.computeIfAbsent(target, k -> new ArrayList<>());
    for (JsonNode r : staged) {
      int at = -1;
      for (int i = 0; statement.startsWith("MERGE") && i < held.size(); i++) {
        JsonNode h = held.get(i);
        if (key.stream().allMatch(k -> h.path(k).toString().equals(r.path(k).toString()))) {
          at = i;
        }
      }
      if (at >= 0) {
        held.set(at, r);
      } else {
        held.add(r);
      }
    }
  }

  private long committedRows(Map<String, String> params) {
    return state.entrySet().stream().filter(e -> e.getKey().startsWith(params.get("job") + "|")
        && e.getValue().get(3).equals(params.get("target_table")))
        .mapToLong(e -> Long.parseLong(e.getValue().get(4))).sum();
  }

  private ObjectNode single(String project, String name, long value) {
    ObjectNode r = JSON.createObjectNode().put("kind", "bigquery#queryResponse");
    r.putObject("schema").putArray("fields").addObject().put("name", name).put("type", "INTEGER")
        .put("mode", "NULLABLE");
    r.putObject("jobReference").put("projectId", project).put("jobId", "select_" + (++ids)).put("location", "US");
    r.putArray("rows").addObject().putArray("f").addObject().put("v", Long.toString(value));
    r.put("totalRows", "1").put("jobComplete", true).put("cacheHit", false);
    return r;
  }

  private static final Pattern PARSE_JSON = Pattern.compile("PARSE_JSON\\(s\\.`([^`]+)`\\)");
  private static final Pattern STAGING_FROM = Pattern.compile("FROM `[^`]+\\.([^`.]+)` AS s");

  /**
   * PARSE_JSON's default {@code wide_number_mode => 'exact'} as BigQuery documents it: a number that INT64, UINT64
   * or FLOAT64 cannot hold without loss fails the query. Returns the error, or null.
   */
  private String parseJsonRejects(String sql) {
    Matcher from = STAGING_FROM.matcher(sql);
    if (!from.find() || !stagedByTable.containsKey(from.group(1))) {
      return null;
    }
    Matcher column = PARSE_JSON.matcher(sql);
    while (column.find()) {
      for (String line : stagedByTable.get(from.group(1)).lines().toList()) {
        try {
          JsonNode value = JSON.readTree(line).path(column.group(1));
          String bad = value.isTextual() ? inexactNumber(EXACT.readTree(value.asText())) : null;
          if (bad != null) {
            return "Invalid input to PARSE_JSON: the number " + bad
                + " cannot be converted to JSON without loss of precision";
          }
        } catch (IOException e) {
          return "Invalid input to PARSE_JSON: " + e.getMessage();
        }
      }
    }
    return null;
  }

  private static String inexactNumber(JsonNode node) {
    if (node.isNumber()) {
      String text = node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
      boolean int64 = node.isIntegralNumber() && node.canConvertToLong();
      boolean uint64 = node.isBigInteger() && node.bigIntegerValue().signum() > 0
          && node.bigIntegerValue().bitLength() <= 64;
      boolean float64 = !Double.isInfinite(node.asDouble())
          && new java.math.BigDecimal(text).compareTo(new java.math.BigDecimal(String.valueOf(node.asDouble()))) == 0;
      return int64 || uint64 || float64 ? null : text;
    }
    for (JsonNode child : node) {
      String bad = inexactNumber(child);
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  /** Resumable upload: 308 with the received range until the request that declares the total size. */
  private void upload(HttpExchange x, String uploadId, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = uploadBytes.get(uploadId);
    bytes.write(body);
    String range = x.getRequestHeaders().getFirst("Content-Range");
    if (range != null && range.endsWith("/*")) {
      x.getResponseHeaders().add("Range", "bytes=0-" + (bytes.size() - 1));
      x.sendResponseHeaders(308, -1);
      x.close();
      return;
    }
    ObjectNode job = uploads.get(uploadId);
    String id = job.path("jobReference").path("jobId").asText();
    loaded.put(id, bytes.toString(StandardCharsets.UTF_8));
    calls.add(new Call("PUT", "/upload/bigquery/v2/projects/.../jobs?upload_id=" + id.replaceAll("_[0-9a-f]{32}$",
        "") + " (" + bytes.toString(StandardCharsets.UTF_8).lines().count() + " lines)", null));
    if (failNextLoad) {
      failNextLoad = false;
      // errors[] and errorResult as BigQuery reports a JSON load that gave up (fixtures: recorded_error_messages_notes)
      fail(job, "invalid", "Error while reading data, error message: JSON table encountered too many errors, giving"
          + " up. Rows: 1; errors: 1. Please look into the errors[] collection for more details.");
    } else {
      done(job);
      String table = job.path("configuration").path("load").path("destinationTable").path("tableId").asText();
      String dataset = job.path("configuration").path("load").path("destinationTable").path("datasetId").asText();
      ObjectNode t = JSON.createObjectNode().put("kind", "bigquery#table").put("type", "TABLE");
      t.putObject("tableReference").put("projectId", "p").put("datasetId", dataset).put("tableId", table);
      t.set("schema", job.path("configuration").path("load").path("schema"));
      tables.put(dataset + "." + table, t);
      stagedByTable.put(table, bytes.toString(StandardCharsets.UTF_8));
    }
    send(x, 200, job);
  }

  private ObjectNode selectState(String project, JsonNode body) {
    Map<String, String> params = params(body);
    List<String> row = state.get(params.get("job") + "|" + params.get("stream"));
    ObjectNode r = JSON.createObjectNode().put("kind", "bigquery#queryResponse");
    ArrayNode fields = r.putObject("schema").putArray("fields");
    fields.addObject().put("name", "position").put("type", "STRING").put("mode", "REQUIRED");
    fields.addObject().put("name", "spool_id").put("type", "STRING").put("mode", "REQUIRED");
    r.putObject("jobReference").put("projectId", project).put("jobId", "select_" + (++ids)).put("location", "US");
    ArrayNode rows = r.putArray("rows");
    boolean match = row != null && row.get(0).equals(params.get("instance_id"));
    if (match) {
      ArrayNode f = rows.addObject().putArray("f");
      f.addObject().put("v", row.get(1));
      f.addObject().put("v", row.get(2));
    }
    r.put("totalRows", match ? "1" : "0").put("jobComplete", true).put("cacheHit", false);
    return r;
  }

  private static Map<String, String> params(JsonNode query) {
    Map<String, String> out = new java.util.HashMap<>();
    for (JsonNode p : query.path("queryParameters")) {
      out.put(p.path("name").asText(), p.path("parameterValue").path("value").asText());
    }
    return out;
  }

  private static void done(ObjectNode job) {
    job.putObject("status").put("state", "DONE");
  }

  private static void fail(ObjectNode job, String reason, String message) {
    ObjectNode status = job.putObject("status").put("state", "DONE");
    status.putObject("errorResult").put("reason", reason).put("message", message);
    status.putArray("errors").addObject().put("reason", reason).put("message", message);
  }

  private static ObjectNode error(int code, String reason, String message) {
    ObjectNode e = JSON.createObjectNode();
    ObjectNode err = e.putObject("error").put("code", code).put("message", message);
    err.putArray("errors").addObject().put("domain", "global").put("reason", reason).put("message", message);
    err.put("status", code == 404 ? "NOT_FOUND" : code == 409 ? "ALREADY_EXISTS" : "INTERNAL");
    return e;
  }

  private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    x.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    x.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      x.getResponseBody().write(bytes);
    }
    x.close();
  }
}
