package io.tributary.mart.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.LoadedJob;
import io.tributary.engine.run.QueryAuditSpool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the MCP tools and the {@code marts}/{@code query} commands do, in one place: catalog, describe, query over the
 * marts of one job or of every job of a project folder ({@link ServedMarts}); each audited (tool, arguments, rows
 * returned, caller, time, outcome). PII masking is the warehouse's (the masked read snapshot, or the PostgreSQL reader
 * role's views), chosen when the reader opens. Not thread-safe: callers serialize (the MCP server handles one tool
 * call at a time).
 */
public final class MartReader implements AutoCloseable {

  public static final int MAX_SAMPLE_ROWS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServedMarts served;
  private final AuditTrail audit;

  private MartReader(ServedMarts served) {
    this.served = served;
    this.audit = new AuditTrail();
  }

  /** The reader of a job's marts; PII columns come back masked by the warehouse unless {@code showPii}. */
  public static MartReader open(LoadedJob job, boolean showPii) {
    return open(job.name(), List.of(job), showPii);
  }

  /**
   * The reader of several jobs' marts ({@code name}: what is served, for the audit), each job's warehouse opened once;
   * refused (a configuration error) when two jobs build marts of the same name.
   */
  public static MartReader open(String name, List<LoadedJob> jobs, boolean showPii) {
    return new MartReader(ServedMarts.open(name, jobs, showPii));
  }

  /** The warehouses read, one location each. */
  public String location() {
    return served.location();
  }

  /** The names of the jobs served, in the order given. */
  public List<String> jobs() {
    return served.jobs().stream().map(ServedMarts.Job::name).toList();
  }

  public synchronized List<Map<String, Object>> catalog(String caller) {
    return audited("list_marts", Map.of(), caller, () -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (ServedMarts.Job job : served.jobs()) {
        job.catalog().entries().forEach(e -> out.add(withJob(e, job)));
      }
      return out;
    }, List::size);
  }

  public synchronized Map<String, Object> describe(String mart, int sampleRows, String caller) {
    Map<String, Object> args = Map.of("mart", String.valueOf(mart), "sample_rows", sampleRows);
    return audited("describe_mart", args, caller, () -> {
      if (sampleRows < 0 || sampleRows > MAX_SAMPLE_ROWS) {
        throw new QueryRefused("sample_rows " + sampleRows + " is outside 0.." + MAX_SAMPLE_ROWS,
            "ask for at most " + MAX_SAMPLE_ROWS + " sample rows, or use query_marts");
      }
      ServedMarts.Job job = served.jobOf(mart).filter(j -> j.catalog().entry(mart).isPresent())
          .orElseThrow(() -> new QueryRefused("no mart named '" + mart + "'",
              "list the marts with list_marts (./tributary marts)"));
      Map<String, Object> entry = withJob(job.catalog().entry(mart).orElseThrow(), job);
      if (sampleRows > 0 && entry.get("row_count") != null) {
        entry.put("sample_rows", job.warehouse().query(new MartQuery("SELECT * FROM marts." + mart,
            List.of(), sampleRows, MartQuery.DEFAULT_TIMEOUT)).rows());
      }
      return entry;
    }, e -> ((List<?>) e.getOrDefault("sample_rows", List.of())).size());
  }

  /** Runs a query on one job's warehouse: {@code job} names it, or null to let {@link ServedMarts#route} choose. */
  public synchronized QueryResult query(MartQuery query, String job, String caller) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("sql", query.sql());
    args.put("params", query.params());
    args.put("limit", query.limit());
    args.put("timeout_seconds", query.timeout().toSeconds());
    if (job != null) {
      args.put("job", job);
    }
    return audited("query_marts", args, caller, () -> served.route(query.sql(), job).warehouse().query(query),
        r -> r.rows().size());
  }

  /** {@link #query(MartQuery, String, String)} on the only warehouse, or the one whose marts the SQL names. */
  public QueryResult query(MartQuery query, String caller) {
    return query(query, null, caller);
  }

  private static Map<String, Object> withJob(Map<String, Object> entry, ServedMarts.Job job) {
    Map<String, Object> out = new LinkedHashMap<>();
    entry.forEach((k, v) -> {
      out.put(k, v);
      if (k.equals("table")) {
        out.put("job", job.name());
        out.put("warehouse", job.warehouse().location());
      }
    });
    return out;
  }

  private <T> T audited(String tool, Map<String, Object> args, String caller, Supplier<T> call,
      java.util.function.ToIntFunction<T> rows) {
    long at = System.currentTimeMillis();
    try {
      T result = call.get();
      audit.record(new QueryAuditSpool.Entry(at, served.name(), tool, json(args), rows.applyAsInt(result), "ok",
          caller));
      return result;
    } catch (QueryRefused e) {
      audit.record(new QueryAuditSpool.Entry(at, served.name(), tool, json(args), 0, e.describe(), caller));
      throw e;
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  @Override
  public void close() {
    served.close();
  }
}
