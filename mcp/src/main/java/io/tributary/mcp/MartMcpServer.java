package io.tributary.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.tributary.mart.read.MartReader;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * The MCP server over a job's marts, on the MCP Java SDK: over stdio (a client starts {@code ./tributary mcp} and
 * talks on its stdin/stdout) or Streamable HTTP (an embedded Tomcat serving {@code /mcp}, on loopback unless told
 * otherwise). Runs until the client closes stdin, or until the process is stopped.
 */
public final class MartMcpServer {

  static final String INSTRUCTIONS = "Tributary's curated marts, read-only. Call list_marts first (descriptions,"
      + " grain, columns with units, freshness), describe_mart for sample rows, then query_marts with SQL over"
      + " marts.<name>.";

  private MartMcpServer() {}

  /** Serves over stdin/stdout until the client closes stdin. */
  public static void serveStdio(MartReader reader) throws InterruptedException {
    StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper());
    McpSyncServer server = McpServer.sync(transport).serverInfo("tributary", "0.1.0").instructions(INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(new MartTools(reader, "stdio").all()).build();
    try {
      new CountDownLatch(1).await();
    } finally {
      server.closeGracefully();
    }
  }

  /** Starts the Streamable HTTP endpoint {@code http://host:port/mcp}; returns the running Tomcat. */
  public static Tomcat serveHttp(MartReader reader, String host, int port) throws LifecycleException {
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(McpJsonDefaults.getMapper()).mcpEndpoint("/mcp")
        .contextExtractor(request -> McpTransportContext.create(Map.of("remote", request.getRemoteAddr())))
        .build();
    McpServer.sync(transport).serverInfo("tributary", "0.1.0").instructions(INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(new MartTools(reader, "http").all()).build();
    Tomcat tomcat = new Tomcat();
    tomcat.setHostname(host);
    tomcat.setPort(port);
    tomcat.setBaseDir(System.getProperty("java.io.tmpdir") + "/tributary-mcp-tomcat-" + ProcessHandle.current().pid());
    tomcat.getConnector().setProperty("address", host);
    Context context = tomcat.addContext("", null);
    Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
    servlet.setAsyncSupported(true);
    context.addServletMappingDecoded("/mcp", "mcp");
    tomcat.start();
    return tomcat;
  }
}
