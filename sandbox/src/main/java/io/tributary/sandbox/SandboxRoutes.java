package io.tributary.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * One platform's endpoints in the sandbox server. The server calls {@link #handle} on one of its worker threads for
 * every request whose path starts with {@link #prefix}, after it has applied rate limits and drawn the run's faults;
 * it calls {@link #faultResponse} when the drawn fault is an HTTP status, so the body looks like the vendor's.
 */
public interface SandboxRoutes {

  /** The path prefix this platform serves, like {@code /services}. The longest matching prefix wins. */
  String prefix();

  /**
   * Every path prefix this platform serves; by default only {@link #prefix}. A platform whose token endpoint lives
   * outside its API path (HubSpot {@code /oauth/v1/token}, Entra ID {@code /{tenant}/oauth2/v2.0/token}) lists both.
   */
  default java.util.List<String> prefixes() {
    return java.util.List.of(prefix());
  }

  /**
   * Answers one request. Must send a response (or close the exchange) before returning.
   *
   * @param corrupt true when the run's {@code malformed} fault fired: put one invalid value (or a truncated body) into
   *     the response, as the platform documents
   */
  void handle(HttpExchange exchange, boolean corrupt) throws IOException;

  /**
   * The vendor's body and headers for an injected status (429 or 5xx), or for the sandbox's per-second rate limit
   * (429). The server adds {@code Retry-After} when the routes leave it out.
   */
  VendorResponse faultResponse(int status);
}
