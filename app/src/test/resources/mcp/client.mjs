// The MCP client of McpServerIT: the official TypeScript SDK (@modelcontextprotocol/sdk), not our code.
// usage: node client.mjs stdio '<json: {command, args, cwd}>'   |   node client.mjs http <url>
// Prints one JSON document: the tools listed, the catalog, a query's result and the refusals.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, target] = process.argv.slice(2);
const transport = mode === "stdio"
  ? (() => { const t = JSON.parse(target); return new StdioClientTransport({ command: t.command, args: t.args, cwd: t.cwd, stderr: "inherit" }); })()
  : new StreamableHTTPClientTransport(new URL(target));
const client = new Client({ name: "tributary-it-ts-client", version: "1.0.0" });
await client.connect(transport);

const call = async (name, args) => {
  const r = await client.callTool({ name, arguments: args });
  return { isError: r.isError === true, text: r.content?.map(c => c.text).join("\n"), structured: r.structuredContent ?? null };
};
const refusal = sql => call("query_marts", { sql });
const out = {};
out.tools = (await client.listTools()).tools.map(t => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
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
await client.close();
console.log(JSON.stringify(out));
