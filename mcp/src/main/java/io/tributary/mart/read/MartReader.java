package io.tributary.mart.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.LoadedJob;
import io.tributary.engine.run.QueryAuditSpool;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the MCP tools and the {@code marts}/{@code query} commands do, in one place: catalog, describe, query; each
 * audited (tool, arguments, rows returned, caller, time, outcome). Not thread-safe: callers
 * serialize (the MCP server handles one tool call at a time).
 */
public final class MartReader implements AutoCloseable {

  public static final int MAX_SAMPLE_ROWS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoadedJob job;
  private final MartWarehouse warehouse;
  private final MartCatalog catalog;
  private final AuditTrail audit;

  public MartReader(LoadedJob job, MartWarehouse warehouse) {
    this.job = job;
    this.warehouse = warehouse;
    this.catalog = new MartCatalog(job, warehouse, Clock.systemUTC());
    this.audit = new AuditTrail();
  }

  /** The reader of a job's marts; PII columns come back masked by the warehouse unless {@code showPii}. */
  public static MartReader open(LoadedJob job, boolean showPii) {
    return new MartReader(job, MartWarehouses.open(job, showPii));
  }

  public String location() {
    return warehouse.location();
  }

  public synchronized List<Map<String, Object>> catalog(String caller) {
    return audited("list_marts", Map.of(), caller, catalog::entries, List::size);
  }

  public synchronized Map<String, Object> describe(String mart, int sampleRows, String caller) {
    Map<String, Object> args = Map.of("mart", String.valueOf(mart), "sample_rows", sampleRows);
    return audited("describe_mart", args, caller, () -> {
      if (sampleRows < 0 || sampleRows > MAX_SAMPLE_ROWS) {
        throw new QueryRefused("sample_rows " + sampleRows + " is outside 0.." + MAX_SAMPLE_ROWS,
            "ask for at most " + MAX_SAMPLE_ROWS + " sample rows, or use query_marts");
      }
      Map<String, Object> entry = new LinkedHashMap<>(catalog.entry(mart).orElseThrow(() -> new QueryRefused(
          "no mart named '" + mart + "'", "list the marts with list_marts (./tributary marts)")));
      if (sampleRows > 0 && entry.get("row_count") != null) {
        entry.put("sample_rows", warehouse.query(new MartQuery("SELECT * FROM marts." + mart,
            List.of(), sampleRows, MartQuery.DEFAULT_TIMEOUT)).rows());
      }
      return entry;
    }, e -> ((List<?>) e.getOrDefault("sample_rows", List.of())).size());
  }

  public synchronized QueryResult query(MartQuery query, String caller) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("sql", query.sql());
    args.put("params", query.params());
    args.put("limit", query.limit());
    args.put("timeout_seconds", query.timeout().toSeconds());
    return audited("query_marts", args, caller, () -> warehouse.query(query), r -> r.rows().size());
  }

  private <T> T audited(String tool, Map<String, Object> args, String caller, Supplier<T> call,
      java.util.function.ToIntFunction<T> rows) {
    long at = System.currentTimeMillis();
    try {
      T result = call.get();
      audit.record(new QueryAuditSpool.Entry(at, job.name(), tool, json(args), rows.applyAsInt(result), "ok",
          caller));
      return result;
    } catch (QueryRefused e) {
      audit.record(new QueryAuditSpool.Entry(at, job.name(), tool, json(args), 0, e.describe(), caller));
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
    warehouse.close();
  }
}
