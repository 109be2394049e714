package io.tributary.cli;

import io.tributary.mart.read.MartReader;
import io.tributary.mcp.MartMcpServer;
import org.apache.catalina.startup.Tomcat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tributary mcp [job or folder]}: the MCP server over the marts of a job or of a project folder's jobs, on stdio (default, for clients that start it) or
 * Streamable HTTP ({@code --http PORT}). Nothing but protocol goes to stdout in stdio mode.
 */
@Command(name = "mcp", description = "Serve the marts of a job, or of every job in a project folder, to AI agents over MCP"
    + " (stdio, or Streamable HTTP with --http).")
final class McpCommand extends MartReaderCommand {

  @Option(names = "--http", description = "serve Streamable HTTP on this port at /mcp instead of stdio")
  Integer httpPort;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "the HTTP address")
  String host;

  @Override
  public Integer call() throws Exception {
    // stderr: stdout is the MCP stdio channel
    try (RunMetrics metrics = RunMetrics.serving(new java.io.PrintWriter(System.err, true));
        MartReader r = openReader()) {
      if (httpPort == null) {
        MartMcpServer.serveStdio(r);
        return TributaryCommand.OK;
      }
      Tomcat tomcat = MartMcpServer.serveHttp(r, host, httpPort);
      int port = tomcat.getConnector().getLocalPort();
      // stderr: a launcher waiting for the server reads this line
      System.err.println("MCP server (Streamable HTTP) on http://" + host + ":" + port + "/mcp serving "
          + reader.job);
      tomcat.getServer().await();
      return TributaryCommand.OK;
    }
  }
}
