package io.tributary.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Routes each request to its platform after applying the run's rate limit and faults. */
final class SandboxDispatcher implements HttpHandler {

  private static final Logger LOG = Logger.getLogger(SandboxDispatcher.class.getName());

  private final List<Map.Entry<String, SandboxRoutes>> routes;
  private final FaultInjector faults;
  private final RequestRateLimiter rateLimiter;
  private final SandboxOptions options;
  private final SandboxClock clock;
  private final ScheduledExecutorService scheduler;

  SandboxDispatcher(List<SandboxRoutes> routes, FaultInjector faults, SandboxOptions options, SandboxClock clock,
      ScheduledExecutorService scheduler) {
    this.routes = routes.stream()
        .flatMap(r -> r.prefixes().stream().map(p -> Map.entry(p, r)))
        .sorted(Comparator.comparingInt((Map.Entry<String, SandboxRoutes> e) -> -e.getKey().length()))
        .toList();
    this.faults = faults;
    this.rateLimiter = new RequestRateLimiter(options.requestsPerSecond());
    this.options = options;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      SandboxRoutes target = routes.stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
          .findFirst().orElse(null);
      if (target == null) {
        SandboxHttp.send(exchange, new VendorResponse(404, Map.of("Content-Type", "text/plain"), "no sandbox route"));
        return;
      }
      if (!rateLimiter.tryAcquire(clock.millis())) {
        sendStatusFault(exchange, target, 429);
        return;
      }
      FaultRule fault = faults.next();
      if (fault == null) {
        target.handle(exchange, false);
        return;
      }
      // Timeouts and slow answers take real time: they exist to run out the client's own (real) timeouts.
      switch (fault.type()) {
        case STATUS -> sendStatusFault(exchange, target, fault.status());
        case TIMEOUT -> scheduler.schedule(exchange::close, options.timeoutHold().toMillis(), TimeUnit.MILLISECONDS);
        case RESET -> reset(exchange);
        case SLOW -> {
          sleep(fault.delay().toMillis());
          target.handle(exchange, false);
        }
        case MALFORMED -> target.handle(exchange, true);
      }
    } catch (IOException e) {
      // The client went away mid-response (often on purpose in fault tests): nothing to answer.
      exchange.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "sandbox route failed", e);
      try {
        SandboxHttp.send(exchange, new VendorResponse(500, Map.of("Content-Type", "text/plain"),
            "sandbox bug: " + e));
      } catch (IOException | RuntimeException ignored) {
        exchange.close();
      }
    }
  }

  private void sendStatusFault(HttpExchange exchange, SandboxRoutes target, int status) throws IOException {
    SandboxHttp.body(exchange);
    VendorResponse r = target.faultResponse(status);
    if (r.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Retry-After"))) {
      r = r.withHeader("Retry-After", String.valueOf(faults.spec().retryAfter().toSeconds()));
    }
    SandboxHttp.send(exchange, r);
  }

  /**
   * Drops the connection without an answer. (A half-written body cannot be used: the JDK server keeps such a
   * connection open, so the client would wait forever; closing an exchange whose response was never started closes
   * the connection.)
   */
  private static void reset(HttpExchange exchange) throws IOException {
    SandboxHttp.body(exchange);
    exchange.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
