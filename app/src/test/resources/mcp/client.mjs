// The MCP client of McpServerIT: the official TypeScript SDK (@modelcontextprotocol/sdk), not our code.
// usage: node client.mjs stdio '<json: {command, args, cwd}>' [project]   |   node client.mjs http <url> [project]
// Prints one JSON document: the tools listed, the catalog, a query's result and the refusals; with 'project' (a
// server over a project folder) the catalog, queries routed to each warehouse, refusals and a PII leak attempt.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, target, scenario] = process.argv.slice(2);
const transport = mode === "stdio"
  ? (() => { const t = JSON.parse(target); return new StdioClientTransport({ command: t.command, args: t.args, cwd: t.cwd, stderr: "inherit" }); })()
  : new StreamableHTTPClientTransport(new URL(target));
const client = new Client({ name: "tributary-it-ts-client", version: "1.0.0" });
// The SDK gives up on a request after 60 s; on a loaded machine a server JVM may start slower than that. McpServerIT
// waits 180 s for this client, so each request may take nearly as long.
const wait = { timeout: 170_000 };
await client.connect(transport, wait);

const call = async (name, args) => {
  const r = await client.callTool({ name, arguments: args }, undefined, wait);
  return { isError: r.isError === true, text: r.content?.map(c => c.text).join("\n"), structured: r.structuredContent ?? null };
};
const out = {};
if (scenario === "project") {
  const query = (sql, job) => call("query_marts", job === undefined ? { sql } : { sql, job });
  out.catalog = await call("list_marts", {});
  out.routed_sf = await query("SELECT SUM(open_opportunities) AS n FROM marts.sf_opportunity_aging");
  out.routed_erp = await query("SELECT SUM(opportunities) AS n FROM marts.pipeline_by_stage");
  out.named_job = await query("SELECT COUNT(*) AS n FROM marts.account_360", "erp_files_demo");
  out.named_job_no_mart = await query("SELECT 41 + 1 AS n", "mcp_it_demo");
  out.no_mart = await query("SELECT 1 AS n");
  out.cross = await query("SELECT COUNT(*) AS n FROM marts.sf_opportunity_aging a JOIN marts.pipeline_by_stage p ON true");
  out.unknown_job = await query("SELECT 1 AS n", "no_such_job");
  out.leak = await query("SELECT lower(owner) AS o FROM marts.pipeline_by_stage");
  out.describe = await call("describe_mart", { mart: "account_360", sample_rows: 2 });
} else {
  const refusal = sql => call("query_marts", { sql });
  out.tools = (await client.listTools(undefined, wait)).tools.map(t => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
  out.catalog = await call("list_marts", {});
  out.describe = await call("describe_mart", { mart: "sf_pipeline_by_stage_owner", sample_rows: 3 });
  out.query = await call("query_marts", {
    sql: "SELECT age_bucket, SUM(open_opportunities) AS n, SUM(open_amount) AS amount FROM marts.sf_opportunity_aging WHERE open_opportunities >= ? GROUP BY age_bucket ORDER BY age_bucket",
    params: [0], limit: 10 });
  out.refused = {
    drop: await refusal("DROP TABLE marts.sf_opportunity_aging"),
    insert: await refusal("INSERT INTO marts.sf_opportunity_aging SELECT * FROM marts.sf_opportunity_aging"),
    copy_to: await refusal("COPY (SELECT * FROM marts.sf_opportunity_aging) TO '/tmp/tributary-mcp-it.csv'"),
    attach: await refusal("ATTACH '/tmp/tributary-mcp-it.duckdb' AS other"),
    raw_table: await refusal("SELECT * FROM raw.opportunities"),
    system_table: await refusal("SELECT * FROM raw._tributary_state"),
    two_statements: await refusal("SELECT 1; DROP TABLE marts.sf_opportunity_aging"),
    over_limit: await call("query_marts", { sql: "SELECT * FROM marts.sf_pipeline_by_stage_owner", limit: 5000 }),
  };
}
await client.close();
console.log(JSON.stringify(out));
