package io.tributary.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The skeleton every platform's routes share: the server context they answer from, the path prefixes they serve, and
 * the dispatch of a platform whose every answer is one small body ({@link #answer}). A platform's routes extend it and
 * keep only their endpoints; one that streams its answers overrides {@link #handle} instead.
 */
public abstract class PlatformRoutes implements SandboxRoutes {

  /** Options, dataset, clock and issued tokens of the server these routes belong to. */
  protected final SandboxContext context;
  private final List<String> prefixes;

  /**
   * @param prefix the platform's API path prefix, like {@code /services/}
   * @param more further prefixes served outside it (a token endpoint, a second API root)
   */
  protected PlatformRoutes(SandboxContext context, String prefix, String... more) {
    this.context = context;
    this.prefixes = Stream.concat(Stream.of(prefix), Stream.of(more)).toList();
  }

  @Override
  public final String prefix() {
    return prefixes.get(0);
  }

  @Override
  public final List<String> prefixes() {
    return prefixes;
  }

  /** Reads the request's body, answers it with {@link #answer} and sends the answer. */
  @Override
  public void handle(HttpExchange ex, boolean corrupt) throws IOException {
    String body = SandboxHttp.body(ex);
    SandboxHttp.send(ex, answer(ex, body, corrupt));
  }

  /**
   * The answer to one request whose body has been read, on a server worker thread. Routes that override
   * {@link #handle} never reach it.
   *
   * @param corrupt true when the run's {@code malformed} fault fired for this request
   */
  protected VendorResponse answer(HttpExchange ex, String body, boolean corrupt) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " answers in handle");
  }

  /**
   * Null when the limit's window has room for this request (which it counts), else the platform's 429 with a
   * {@code Retry-After} of the seconds left in the window.
   */
  protected VendorResponse overLimit(RequestRateLimiter limit) {
    long now = context.clock().millis();
    return limit.tryAcquire(now) ? null
        : faultResponse(429).withHeader("Retry-After", Long.toString(limit.secondsUntilNextWindow(now)));
  }
}
