package io.tributary.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;

/**
 * A successful response whose body is still on the wire (decompressed on the fly). The caller reads it at its own
 * pace, e.g. one CSV page of a Bulk API result across many chunks, and must close it. Failures while reading it
 * are not retried by the client.
 */
public record StreamedResponse(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {

  @Override
  public void close() throws IOException {
    body.close();
  }
}
