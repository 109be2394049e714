package io.tributary.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.tributary.mart.read.MartQuery;
import io.tributary.mart.read.MartReader;
import io.tributary.mart.read.QueryRefused;
import io.tributary.mart.read.QueryResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The three tools the MCP server offers over a job's marts: {@code list_marts}, {@code describe_mart},
 * {@code query_marts}. Each answers with structured JSON (and the same JSON as text, for clients that read text);
 * a refusal is a tool error ({@code isError}) whose text says why and what to do.
 */
final class MartTools {

  private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();
  private final MartReader reader;
  private final String transport;

  MartTools(MartReader reader, String transport) {
    this.reader = reader;
    this.transport = transport;
  }

  List<SyncToolSpecification> all() {
    return List.of(listMarts(), describeMart(), queryMarts());
  }

  private SyncToolSpecification listMarts() {
    Tool tool = Tool.builder().name("list_marts").title("Catalog of the curated marts")
        .description("Lists the curated marts this server reads (of one Tributary job, or of every job of a project"
            + " folder): for each, the job that builds it and that job's warehouse, its description, grain (what one row"
            + " is), columns (name, SQL type, meaning, unit, whether PII), current row count, and freshness: the last"
            + " completed load of each input stream, the age of the oldest, and 'stale' when that age is past the"
            + " mart's declared staleness limit (or an input was never loaded). Call this first.")
        .inputSchema(JSON, "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}")
        .annotations(readOnly()).build();
    return new SyncToolSpecification(tool, (exchange, request) -> answer(() -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("warehouse", reader.location());
      out.put("jobs", reader.jobs());
      out.put("marts", reader.catalog(caller(exchange)));
      return out;
    }));
  }

  private SyncToolSpecification describeMart() {
    Tool tool = Tool.builder().name("describe_mart").title("Describe one mart")
        .description("Describes one mart (as in list_marts) with a few sample rows. PII columns are masked as '***'"
            + " unless the server was started with --show-pii.")
        .inputSchema(JSON, "{\"type\":\"object\",\"properties\":{"
            + "\"mart\":{\"type\":\"string\",\"description\":\"the mart's name, as list_marts gives it\"},"
            + "\"sample_rows\":{\"type\":\"integer\",\"description\":\"how many sample rows, 0 to "
            + MartReader.MAX_SAMPLE_ROWS + " (default 5)\"}},"
            + "\"required\":[\"mart\"],\"additionalProperties\":false}")
        .annotations(readOnly()).build();
    return new SyncToolSpecification(tool, (exchange, request) -> answer(() -> reader.describe(
        String.valueOf(request.arguments().get("mart")), integer(request.arguments().get("sample_rows"), 5),
        caller(exchange))));
  }

  private SyncToolSpecification queryMarts() {
    Tool tool = Tool.builder().name("query_marts").title("Read-only SQL over the marts")
        .description("Runs one read-only SELECT over the marts schema (tables marts.<name>; the dialect of the"
            + " job's warehouse, DuckDB or PostgreSQL) and returns typed JSON: columns with SQL types, rows as"
            + " objects (DECIMAL money keeps its scale, dates are ISO-8601), and 'truncated' when more rows than the"
            + " limit exist. Use ? placeholders with 'params'. The database enforces read-only: writes, DDL,"
            + " COPY … TO, ATTACH, file access, raw or _tributary_* tables and several statements are refused with"
            + " the reason. Limit at most " + MartQuery.MAX_LIMIT + " rows (default " + MartQuery.DEFAULT_LIMIT
            + "); timeout at most " + MartQuery.MAX_TIMEOUT.toSeconds() + " s (default "
            + MartQuery.DEFAULT_TIMEOUT.toSeconds() + "). A query runs on one warehouse: the job named in 'job',"
            + " else the only one served, else the one whose marts the SQL names (marts of two warehouses cannot be"
            + " joined). PII columns hold '***' (masked by the warehouse itself, whatever the query does) unless the"
            + " server was started with --show-pii. Every call is audited.")
        .inputSchema(JSON, "{\"type\":\"object\",\"properties\":{"
            + "\"sql\":{\"type\":\"string\",\"description\":\"one SELECT or WITH … SELECT statement\"},"
            + "\"params\":{\"type\":\"array\",\"items\":{\"type\":[\"string\",\"number\",\"boolean\",\"null\"]},"
            + "\"description\":\"values for the ? placeholders, in order\"},"
            + "\"limit\":{\"type\":\"integer\",\"description\":\"most rows returned, 1 to " + MartQuery.MAX_LIMIT
            + " (default " + MartQuery.DEFAULT_LIMIT + ")\"},"
            + "\"timeout_seconds\":{\"type\":\"integer\",\"description\":\"1 to " + MartQuery.MAX_TIMEOUT.toSeconds()
            + " (default " + MartQuery.DEFAULT_TIMEOUT.toSeconds() + ")\"},"
            + "\"job\":{\"type\":\"string\",\"description\":\"the job (as list_marts names it) whose warehouse"
            + " runs the query; needed only when the server reads several warehouses and the SQL names none of"
            + " their marts\"}},"
            + "\"required\":[\"sql\"],\"additionalProperties\":false}")
        .annotations(readOnly()).build();
    return new SyncToolSpecification(tool, (exchange, request) -> answer(() -> {
      Map<String, Object> a = request.arguments();
      MartQuery q = new MartQuery(String.valueOf(a.get("sql")), params(a.get("params")),
          integer(a.get("limit"), MartQuery.DEFAULT_LIMIT), Duration.ofSeconds(integer(a.get("timeout_seconds"),
          (int) MartQuery.DEFAULT_TIMEOUT.toSeconds())));
      QueryResult r = reader.query(q, a.get("job") == null ? null : String.valueOf(a.get("job")), caller(exchange));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("columns", r.columns());
      out.put("rows", r.rows());
      out.put("row_count", r.rows().size());
      out.put("truncated", r.truncated());
      return out;
    }));
  }

  private static McpSchema.ToolAnnotations readOnly() {
    return new McpSchema.ToolAnnotations(null, true, false, true, false, null);
  }

  private static CallToolResult answer(Supplier<Map<String, Object>> call) {
    try {
      Map<String, Object> result = call.get();
      return CallToolResult.builder().structuredContent(result).addTextContent(JSON.writeValueAsString(result))
          .isError(false).build();
    } catch (QueryRefused e) {
      return CallToolResult.builder().addTextContent(e.describe()).isError(true).build();
    } catch (IOException e) {
      return CallToolResult.builder().addTextContent("cannot encode the result: " + e.getMessage()).isError(true)
          .build();
    }
  }

  private String caller(McpSyncServerExchange exchange) {
    McpSchema.Implementation client = exchange.getClientInfo();
    Object remote = exchange.transportContext() == null ? null : exchange.transportContext().get("remote");
    return "mcp/" + transport + (remote == null ? "" : " " + remote) + " client="
        + (client == null ? "?" : client.name() + "/" + client.version()) + " session=" + exchange.sessionId();
  }

  private static int integer(Object v, int otherwise) {
    return v instanceof Number n ? n.intValue() : otherwise;
  }

  private static List<Object> params(Object v) {
    return v instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }
}
