package io.tributary.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;

/**
 * Consumes a successful response body as a stream (already decompressed) and returns the caller's result. Runs
 * inside the retry: an {@link IOException} here (connection reset mid-body) retries the whole call, so a reader
 * must not have side effects it cannot repeat. For bodies read across several calls, use
 * {@link ResilientHttpClient#open(HttpCall)} instead.
 */
@FunctionalInterface
public interface BodyReader<T> {

  T read(int status, HttpHeaders headers, InputStream body) throws IOException;

  /** The whole body as UTF-8 text (for small JSON pages only). */
  static BodyReader<String> text() {
    return (status, headers, body) -> new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
