package io.tributary.source.netsuite;

import io.tributary.auth.OAuth1Credentials;
import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.netsuite.NetSuiteSandboxSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds NetSuite sources against a running sandbox, and reads streams to the end. */
final class NetSuiteTestSources {

  static final Map<String, Object> FAST_RETRY = Map.of("initial_backoff", "20ms", "max_backoff", "200ms",
      "max_attempts", 10, "circuit_minimum_calls", 1000);

  private NetSuiteTestSources() {}

  static NetSuiteSource source(SandboxServer sandbox) {
    return source(sandbox, NetSuiteSandboxSettings.from(sandbox.options()), 5);
  }

  static NetSuiteSource source(SandboxServer sandbox, NetSuiteSandboxSettings s, int concurrency) {
    return NetSuiteSource.create(s.account(), new OAuth1Credentials(s.consumerKey(), s.consumerSecret(), s.tokenId(),
        s.tokenSecret(), s.account()), URI.create(sandbox.baseUrl()), s.timezone(), concurrency, FAST_RETRY);
  }

  static StreamConfig stream(String name, List<String> key, List<String> cursor, Map<String, Object> options) {
    return new StreamConfig(name, null, key, cursor, null, null, null, options, null, null, null);
  }

  static ReadRequest request(String stream, List<String> key, List<String> cursor, Cursor watermark, int pageSize) {
    return new ReadRequest(stream, Map.of(), key, cursor, watermark, Duration.ZERO, pageSize);
  }

  /** Every page of one read; the last page is done. */
  static List<Page> pages(NetSuiteSource source, ReadRequest request) {
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
}
