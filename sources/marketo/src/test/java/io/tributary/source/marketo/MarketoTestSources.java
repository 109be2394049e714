package io.tributary.source.marketo;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SecretRef;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.marketo.MarketoRecords;
import io.tributary.sandbox.marketo.MarketoRoutes;
import io.tributary.sandbox.marketo.MarketoSandboxSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sources and reads against a Marketo sandbox, shared by the Marketo ITs. */
final class MarketoTestSources {

  /** The simulator's data starts here and spreads over 90 days; updatedAt trails createdAt by up to 47 hours. */
  static final Instant START = MarketoRecords.EPOCH;
  static final Instant END = Instant.parse("2024-04-30T00:00:00Z");

  private MarketoTestSources() {}

  /**
   * Without the client's own cap of 95 calls per 20 s (it only makes a test wait in real time) and with status
   * polls 1 ms apart: the simulator's exports complete after a number of polls, not of seconds.
   */
  static MarketoConfig config(SandboxServer sandbox, String secret, Instant start, Instant end, Integer quotaMb) {
    return new MarketoConfig(sandbox.baseUrl(), null, MarketoSandboxSettings.CLIENT_ID, secretRef(secret),
        start.toString(), end == null ? null : end.toString(), 0, quotaMb, null, "1ms", "5ms", null,
        Map.of("initial_backoff", "50ms", "max_backoff", "2s"));
  }

  static MarketoSource source(SandboxServer sandbox) {
    return source(config(sandbox, MarketoSandboxSettings.CLIENT_SECRET, START, END, null));
  }

  static MarketoSource source(MarketoConfig config) {
    return MarketoSourceProvider.create(config, Clock.systemUTC(), d -> { });
  }

  static SecretRef secretRef(String value) {
    try {
      Path f = Files.createTempFile("marketo-secret", ".txt");
      Files.writeString(f, value);
      f.toFile().deleteOnExit();
      return SecretRef.parse("${file:" + f.toAbsolutePath() + "}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ReadRequest request(String stream, Cursor watermark, int pageSize) {
    boolean incremental = !watermark.isStart();
    return new ReadRequest(stream, Map.of(), List.of(stream.equals("leads") ? "id" : "marketoGUID"),
        incremental ? List.of(stream.equals("leads") ? "updatedAt" : "activityDate") : List.of(), watermark,
        Duration.ZERO, pageSize);
  }

  static MarketoRoutes routes(SandboxServer sandbox) {
    return sandbox.routes(MarketoRoutes.class);
  }

  /** The pages of one read from {@code from} to its done page; each page's records and cursors. */
  static List<Page> readPages(MarketoSource source, ReadRequest request, Cursor from) {
    List<Page> pages = new ArrayList<>();
    try (StreamReader reader = source.open(request)) {
      Cursor c = from;
      while (true) {
        Page p = reader.read(c);
        pages.add(p);
        if (p.done()) {
          return pages;
        }
        c = p.next();
      }
    }
  }

  static List<SourceRecord> records(List<Page> pages) {
    List<SourceRecord> out = new ArrayList<>();
    pages.forEach(p -> out.addAll(p.records()));
    return out;
  }

  /** A record's fields as the simulator's ground truth holds them: strings, null for Marketo's "null". */
  @SuppressWarnings("unchecked")
  static Map<String, String> strings(SourceRecord r) {
    return (Map<String, String>) (Map<String, ?>) r.fields();
  }
}
