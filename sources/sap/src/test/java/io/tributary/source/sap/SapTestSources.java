package io.tributary.source.sap;

import io.tributary.auth.BasicAuth;
import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.sap.SapSandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds SAP sources against a running sandbox, and reads streams to the end. */
final class SapTestSources {

  static final Map<String, Object> FAST_RETRY = Map.of("initial_backoff", "20ms", "max_backoff", "200ms",
      "max_attempts", 10, "circuit_minimum_calls", 1000);

  private SapTestSources() {}

  static URI root(SandboxServer sandbox) {
    return URI.create(sandbox.baseUrl() + SapSandboxSettings.ROOT + "/");
  }

  static SapSource basic(SandboxServer sandbox) {
    SapSandboxSettings s = SapSandboxSettings.from(sandbox.options());
    return SapSource.create(root(sandbox), SapODataVersion.V2, null, new BasicAuth(s.user(), s.password()),
        FAST_RETRY);
  }

  static SapSource oauth(SandboxServer sandbox) {
    SapSandboxSettings s = SapSandboxSettings.from(sandbox.options());
    return SapSource.create(root(sandbox), SapODataVersion.V2, "100", SapSourceProvider.oauth(
        URI.create(sandbox.baseUrl() + SapSandboxSettings.TOKEN_PATH), s.clientId(), s.clientSecret(), null),
        FAST_RETRY);
  }

  static StreamConfig stream(String name, List<String> key, List<String> cursor, Map<String, Object> options) {
    return new StreamConfig(name, null, key, cursor, null, null, null, options, null, null, null);
  }

  static ReadRequest request(String stream, Map<String, Object> options, List<String> cursor, Cursor watermark) {
    return new ReadRequest(stream, options, List.of(), cursor, watermark, Duration.ZERO, 500);
  }

  /** Every page of one read; the last page is done. */
  static List<Page> pages(SapSource source, ReadRequest request) {
    List<Page> pages = new ArrayList<>();
    try (StreamReader reader = source.open(request)) {
      Cursor c = Cursor.START;
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

  /** The watermark the engine would commit: the last non-null one. */
  static Cursor watermark(List<Page> pages) {
    Cursor w = null;
    for (Page p : pages) {
      if (p.watermark() != null) {
        w = p.watermark();
      }
    }
    return w;
  }
}
