package io.tributary.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * Puts credentials on a request. {@link ResilientHttpClient} calls {@link #apply} on the calling
 * thread before every attempt (retries included, so signatures and nonces are fresh), possibly from several threads
 * at once: implementations are thread-safe. Values never appear in logs, messages or {@code toString()}.
 */
public interface AuthProvider {

  /** No credentials (token endpoints, public APIs). */
  AuthProvider NONE = (request, method, uri, formFields) -> {};

  /**
   * Adds headers (or, for query-string API keys, replaces the URI) on the builder.
   *
   * @param uri the absolute request URI including its query string (OAuth 1.0a signs its parameters)
   * @param formFields the decoded form body fields for form posts, else empty (OAuth 1.0a signs them too)
   */
  void apply(HttpRequest.Builder request, String method, URI uri, Map<String, String> formFields);

  /**
   * Called at most once per call after the platform answered 401 (token expired). Returns true when a new
   * credential is ready and the call should be retried once. {@code rejected} is the request that was refused, so
   * concurrent callers refresh only once: if another thread already replaced the token, just return true.
   */
  default boolean refresh(HttpRequest rejected) {
    return false;
  }
}
