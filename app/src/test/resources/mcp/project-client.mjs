// The MCP client of McpServerIT's project-folder test: the official TypeScript SDK (@modelcontextprotocol/sdk).
// usage: node project-client.mjs stdio '<json: {command, args, cwd}>'   |   node project-client.mjs http <url>
// Prints one JSON document: the catalog, queries routed to each warehouse, refusals and a PII leak attempt.
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
const query = (sql, job) => call("query_marts", job === undefined ? { sql } : { sql, job });
const out = {};
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
await client.close();
console.log(JSON.stringify(out));
