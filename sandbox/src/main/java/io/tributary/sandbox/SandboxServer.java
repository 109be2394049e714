package io.tributary.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that simulates vendor APIs for demos, tests, fault injection and benchmarks.
 *
 * <pre>{@code
 * try (SandboxServer sb = SandboxServer.start(SandboxOptions.defaults().withRows(10_000)
 *     .withFaults("429:5%,expire-token-after:300s").withPlatform(SalesforceSandbox.platform()))) {
 *   String base = sb.baseUrl();      // http://127.0.0.1:PORT
 *   sb.dataset().rows("Account");    // ground truth
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK: ~40 ms
    // per small response. Read once when the JDK server's config class loads, so it is set before the first server.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final SandboxContext context;
  private final FaultInjector faults;
  private final List<SandboxRoutes> routes;

  private SandboxServer(
      HttpServer http, ExecutorService workers, ScheduledExecutorService scheduler, SandboxContext context,
      FaultInjector faults, List<SandboxRoutes> routes) {
    this.http = http;
    this.workers = workers;
    this.scheduler = scheduler;
    this.context = context;
    this.faults = faults;
    this.routes = routes;
  }

  /** Binds 127.0.0.1 on the options' port (0 = any free port), creates every platform's routes and starts serving. */
  public static SandboxServer start(SandboxOptions options) {
    if (options.platforms().isEmpty()) {
      throw TributaryException.config("the sandbox has no platform to serve",
          "add one, e.g. options.withPlatform(SalesforceSandbox.platform())");
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
    } catch (IOException e) {
      throw TributaryException.config("cannot bind the sandbox to 127.0.0.1:" + options.port() + ": " + e.getMessage(),
          "choose another --port, or --port=0 for any free port");
    }
    SandboxClock clock = new SandboxClock();
    String base = "http://127.0.0.1:" + http.getAddress().getPort();
    SandboxContext context = new SandboxContext(options, new SandboxDataset(options.seed()), clock,
        new SandboxTokens(clock, options.faults().tokenLifetime()), () -> base);
    List<SandboxRoutes> routes = new ArrayList<>();
    for (SandboxPlatform p : options.platforms()) {
      routes.add(p.create(context));
    }
    FaultInjector faults = new FaultInjector(options.faults(), options.seed());
    ExecutorService workers = Executors.newFixedThreadPool(options.threads(), r -> daemon(r, "sandbox-worker"));
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sandbox-timeouts"));
    http.createContext("/", new SandboxDispatcher(routes, faults, options, clock, scheduler));
    http.setExecutor(workers);
    http.start();
    return new SandboxServer(http, workers, scheduler, context, faults, routes);
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash. */
  public String baseUrl() {
    return context.baseUrl().get();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** The seeded rows: ground truth for tests, and mutable between runs. */
  public SandboxDataset dataset() {
    return context.dataset();
  }

  /** The server clock; advance it to expire tokens without sleeping. */
  public SandboxClock clock() {
    return context.clock();
  }

  /** One label per request so far: "ok" or the fault that fired ("429", "timeout", ...). */
  public List<String> faultLog() {
    return faults.log();
  }

  /** The routes of the given type, for platform-specific inspection in tests. */
  public <T extends SandboxRoutes> T routes(Class<T> type) {
    return routes.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no routes of type " + type.getSimpleName()));
  }

  public SandboxOptions options() {
    return context.options();
  }

  @Override
  public void close() {
    http.stop(0);
    workers.shutdownNow();
    scheduler.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
