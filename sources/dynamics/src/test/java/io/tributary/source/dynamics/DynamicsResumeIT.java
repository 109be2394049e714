package io.tributary.source.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.dynamics.DynamicsCatalog;
import io.tributary.sandbox.dynamics.DynamicsSandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A change-tracked read that is interrupted and resumed from its saved page cursor (as a restart after a kill does)
 * also returns the rows changed while it was down, behind its position: the crash matrix found a resumed delta run
 * that ended without them, so they only arrived with the run after.
 */
@Tag("sandbox")
class DynamicsResumeIT {

  private static final DynamicsCatalog.Table ACCOUNT = DynamicsCatalog.byLogicalName("account");

  private static Set<String> ids(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(ACCOUNT::id).collect(Collectors.toSet());
  }

  private static ReadRequest request(Cursor watermark) {
    return new ReadRequest("account", Map.of(), List.of("accountid"), List.of("modifiedon"), watermark,
        Duration.ZERO, 100);
  }

  /** Reads {@code pages} pages from {@code start} (all when negative); returns the records and the last cursor. */
  private static Cursor read(Source source, Cursor watermark, Cursor start, int pages, List<SourceRecord> out,
      Cursor[] lastWatermark) {
    try (StreamReader reader = source.open(request(watermark))) {
      Cursor c = start;
      for (int n = 0; pages < 0 || n < pages; n++) {
        Page p = reader.read(c);
        out.addAll(p.records());
        lastWatermark[0] = p.watermark() != null ? p.watermark() : lastWatermark[0];
        if (p.done()) {
          return null;
        }
        c = p.next();
      }
      return c;
    }
  }

  /** The latest version of each key, as a merge would leave it: id → modifiedon, or "deleted". */
  private static Map<String, String> merged(List<SourceRecord> records) {
    Map<String, String> m = new HashMap<>();
    records.forEach(r -> m.put((String) r.fields().get("accountid"), r.deleted() ? "deleted"
        : (String) r.fields().get("modifiedon")));
    return m;
  }

  private static Instant change(SandboxServer sb) {
    sb.clock().advance(Duration.ofMinutes(1));
    Instant at = sb.clock().now();
    sb.dataset().touch("account", 10, 19, at); // behind the saved position
    sb.dataset().touch("account", 450, 451, at); // ahead of it
    sb.dataset().delete("account", 30, 32, at);
    sb.dataset().add("account", 2, at);
    sb.clock().advance(Duration.ofSeconds(1));
    return at;
  }

  private static void assertChangesArrived(Map<String, String> table, Instant at, Set<String> live) {
    String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(at);
    Set<String> touched = ids(10, 19);
    touched.addAll(ids(450, 451));
    touched.addAll(ids(500, 501));
    assertThat(touched).allSatisfy(id -> assertThat(table).containsEntry(id, stamp));
    assertThat(ids(30, 32)).allSatisfy(id -> assertThat(table).containsEntry(id, "deleted"));
    assertThat(table.entrySet().stream().filter(e -> !e.getValue().equals("deleted")).map(Map.Entry::getKey)
        .collect(Collectors.toSet())).isEqualTo(live);
  }

  private static SandboxServer sandbox() {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(DynamicsSandbox.platform())
        .withRows("account", 500).withRows(1));
  }

  private static Set<String> live() {
    Set<String> live = ids(0, 501);
    live.removeAll(ids(30, 32));
    return live;
  }

  @Test
  void aResumedFullReadEndsWithTheRowsChangedWhileItWasDown() {
    try (SandboxServer sb = sandbox();
        Source source = DynamicsTestSources.source(sb, "drop")) {
      List<SourceRecord> records = new ArrayList<>();
      Cursor[] watermark = new Cursor[1];
      Cursor saved = read(source, Cursor.START, Cursor.START, 3, records, watermark);
      Instant at = change(sb);
      assertThat(read(source, Cursor.START, saved, -1, records, watermark)).isNull();
      assertChangesArrived(merged(records), at, live());
      List<SourceRecord> after = new ArrayList<>();
      read(source, watermark[0], Cursor.START, -1, after, new Cursor[1]);
      assertThat(after).as("the stored delta link already covers every change").isEmpty();
    }
  }

  @Test
  void aResumedDeltaReadEndsWithTheRowsChangedWhileItWasDown() {
    try (SandboxServer sb = sandbox();
        Source source = DynamicsTestSources.source(sb, "drop")) {
      List<SourceRecord> records = new ArrayList<>();
      Cursor[] watermark = new Cursor[1];
      read(source, Cursor.START, Cursor.START, -1, records, watermark);
      Cursor full = watermark[0];
      sb.clock().advance(Duration.ofMinutes(1));
      sb.dataset().touch("account", 100, 399, sb.clock().now());
      sb.clock().advance(Duration.ofSeconds(1));
      Cursor saved = read(source, full, Cursor.START, 1, records, watermark);
      Instant at = change(sb);
      assertThat(read(source, full, saved, -1, records, watermark)).isNull();
      assertChangesArrived(merged(records), at, live());
      List<SourceRecord> after = new ArrayList<>();
      read(source, watermark[0], Cursor.START, -1, after, new Cursor[1]);
      assertThat(after).as("the stored delta link already covers every change").isEmpty();
    }
  }
}
