package io.tributary.source.rest;

import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sources of a shipped definition pointed at a running simulator, and whole-stream reads, for the platform ITs. */
final class ShippedSources {

  private ShippedSources() {}

  /**
   * A source of {@code definition} (a file under tributary/rest/definitions) with the job block {@code block} and the
   * {@code secrets} written to private files and passed as {@code ${file:...}} references, as a job would.
   */
  static Source create(String definition, Map<String, Object> block, Map<String, String> secrets) {
    try {
      Path dir = Files.createTempDirectory("rest-" + definition.replace(".yml", ""));
      Map<String, Object> b = new LinkedHashMap<>(block);
      for (var e : secrets.entrySet()) {
        Path f = dir.resolve(e.getKey());
        Files.writeString(f, e.getValue());
        b.put(e.getKey(), "${file:" + f + "}");
      }
      b.putIfAbsent("http", Map.of("initial_backoff", "10ms", "max_backoff", "200ms", "max_attempts", 10));
      return new RestSourceProvider(DefinitionLoader.loadShipped(definition))
          .create(b, new JobContext(definition, dir.resolve("job.yml"), dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A loopback server answering every request with {@code body} (a recorded response, unchanged), recording each
   * request's path, query and Accept header in {@code asked}.
   */
  static com.sun.net.httpserver.HttpServer serve(byte[] body, List<String> asked) throws IOException {
    var stub = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/", ex -> {
      asked.add(ex.getRequestURI().getRawPath() + "?" + ex.getRequestURI().getRawQuery() + " "
          + ex.getRequestHeaders().getFirst("Accept"));
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    stub.start();
    return stub;
  }

  static StreamConfig stream(String name, List<String> primaryKey, List<String> cursor, Map<String, Object> options) {
    return new StreamConfig(name, null, primaryKey, cursor, "0s", null, null, options, null, null, null);
  }

  /** Every page of one stream from {@code watermark} (START for a full read). */
  static List<Page> pages(Source source, StreamConfig stream, Cursor watermark, int pageSize) {
    ReadRequest req = new ReadRequest(stream.name(), stream.optionsOrEmpty(), stream.primaryKeyOrEmpty(),
        stream.cursorOrEmpty(), watermark, Duration.ZERO, pageSize);
    List<Page> out = new ArrayList<>();
    try (StreamReader reader = source.open(req)) {
      Cursor c = Cursor.START;
      for (int i = 0; i < 100_000; i++) {
        Page p = reader.read(c);
        out.add(p);
        if (p.done()) {
          return out;
        }
        c = p.next();
      }
    }
    throw new AssertionError("no done page after 100,000 pages");
  }

  static List<SourceRecord> records(List<Page> pages) {
    List<SourceRecord> out = new ArrayList<>();
    pages.forEach(p -> out.addAll(p.records()));
    return out;
  }
}
