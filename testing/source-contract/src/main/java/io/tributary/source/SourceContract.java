package io.tributary.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.config.StreamConfig;
import io.tributary.core.Durations;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import io.tributary.mapping.MappedItem;
import io.tributary.mapping.RecordMapper;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every SaaS source passes against its sandbox simulator: paging to the end, resuming from a cursor
 * saved mid-stream, an empty result, a 429 with Retry-After, a 5xx burst, an expired token, a malformed record
 * (quarantined, never dropped) and a permanent error (fails fast with a hint, no retry storm).
 *
 * <p>A platform's test extends this class (named {@code <Platform>SourceContractIT}) and says how to build its
 * sandbox, its source and its stream, and how to read the ground truth. Expected keys always come from the sandbox's
 * dataset, never from the source under test.
 */
public abstract class SourceContract {

  protected static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  /** The platform's simulator. */
  protected abstract SandboxPlatform platform();

  /** The dataset object behind the stream under test, for example {@code Opportunity}. */
  protected abstract String object();

  /** A source configured against the running sandbox (base URL, sandbox credentials). */
  protected abstract Source source(SandboxServer sandbox);

  /** The stream under test, as a job would declare it. */
  protected abstract StreamConfig stream();

  /** A stream whose read fails permanently (for example an unknown field), for the fail-fast test. */
  protected abstract StreamConfig brokenStream();

  /** The primary key of a record as the source emits it. */
  protected abstract String keyOf(SourceRecord record);

  /** Every key the stream must deliver, read from the sandbox's ground truth. */
  protected abstract Set<String> expectedKeys(SandboxServer sandbox);

  /** Rows in the test dataset: enough for several pages. */
  protected long rows() {
    return 2_500;
  }

  /** Page size asked of the source: small, so paging is exercised. */
  protected int pageSize() {
    return 500;
  }

  /** Extra sandbox settings (a small batch size, a short bulk poll). */
  protected SandboxOptions configure(SandboxOptions options) {
    return options;
  }

  protected SandboxServer start(long rows, String faults) {
    SandboxOptions options = SandboxOptions.defaults().withPlatform(platform()).withRows(object(), rows)
        .withFaults(faults).withTimeoutHold(Duration.ofMillis(300));
    return SandboxServer.start(configure(options));
  }

  protected ReadRequest request(StreamConfig stream) {
    return new ReadRequest(stream.name(), stream.optionsOrEmpty(), stream.primaryKeyOrEmpty(), stream.cursorOrEmpty(),
        Cursor.START, Durations.parse(stream.lookback()), pageSize());
  }

  /** Reads a stream to the end the way the engine does, from {@code from}. */
  protected List<SourceRecord> readAll(Source source, StreamConfig stream, Cursor from) {
    List<SourceRecord> out = new ArrayList<>();
    try (StreamReader reader = source.open(request(stream))) {
      Cursor cursor = from;
      for (int pages = 0; pages < 100_000; pages++) {
        Page page = reader.read(cursor);
        out.addAll(page.records());
        if (page.done()) {
          return out;
        }
        assertThat(page.next()).as("a page that is not done carries a next cursor").isNotNull();
        cursor = page.next();
      }
    }
    throw new AssertionError("no done page after 100,000 pages");
  }

  private Set<String> keys(List<SourceRecord> records) {
    Set<String> keys = new HashSet<>();
    for (SourceRecord r : records) {
      keys.add(keyOf(r));
    }
    return keys;
  }

  private void assertComplete(SandboxServer sandbox, List<SourceRecord> records) {
    Set<String> expected = expectedKeys(sandbox);
    assertThat(keys(records)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(records).as("no record twice").hasSize(expected.size());
  }

  @Test
  protected void pagesToTheEnd() {
    try (SandboxServer sandbox = start(rows(), "none");
        Source source = source(sandbox)) {
      assertComplete(sandbox, readAll(source, stream(), Cursor.START));
    }
  }

  @Test
  protected void resumesFromACursorSavedMidStream() {
    try (SandboxServer sandbox = start(rows(), "none")) {
      List<SourceRecord> first = new ArrayList<>();
      Cursor saved;
      try (Source source = source(sandbox);
          StreamReader reader = source.open(request(stream()))) {
        Page page = reader.read(Cursor.START);
        first.addAll(page.records());
        assertThat(page.done()).as("the test dataset must span several pages").isFalse();
        page = reader.read(page.next());
        first.addAll(page.records());
        saved = page.done() ? null : page.next();
      }
      assertThat(saved).isNotNull();
      // A new process: a fresh source, resuming from the saved cursor only.
      try (Source source = source(sandbox)) {
        List<SourceRecord> rest = readAll(source, stream(), saved);
        Set<String> seen = keys(first);
        assertThat(keys(rest)).doesNotContainAnyElementsOf(seen);
        List<SourceRecord> all = new ArrayList<>(first);
        all.addAll(rest);
        assertComplete(sandbox, all);
      }
    }
  }

  @Test
  protected void anEmptyResultIsOneDonePage() {
    try (SandboxServer sandbox = start(0, "none");
        Source source = source(sandbox);
        StreamReader reader = source.open(request(stream()))) {
      Page page = reader.read(Cursor.START);
      assertThat(page.records()).isEmpty();
      assertThat(page.done()).isTrue();
    }
  }

  @Test
  protected void a429WithRetryAfterIsRetried() {
    try (SandboxServer sandbox = start(rows(), "429:25%");
        Source source = source(sandbox)) {
      assertComplete(sandbox, readAll(source, stream(), Cursor.START));
      assertThat(sandbox.faultLog()).anyMatch(f -> f.contains("429"));
    }
  }

  @Test
  protected void a5xxBurstIsRetried() {
    try (SandboxServer sandbox = start(rows(), "500:15%,503:15%,retry-after:0s");
        Source source = source(sandbox)) {
      assertComplete(sandbox, readAll(source, stream(), Cursor.START));
      assertThat(sandbox.faultLog()).anyMatch(f -> f.contains("500") || f.contains("503"));
    }
  }

  @Test
  protected void anExpiredTokenIsRefreshedOnce() {
    try (SandboxServer sandbox = start(rows(), "expire-token-after:60s");
        Source source = source(sandbox);
        StreamReader reader = source.open(request(stream()))) {
      Page page = reader.read(Cursor.START);
      List<SourceRecord> all = new ArrayList<>(page.records());
      sandbox.clock().advance(Duration.ofMinutes(5));
      while (!page.done()) {
        page = reader.read(page.next());
        all.addAll(page.records());
      }
      assertComplete(sandbox, all);
    }
  }

  @Test
  protected void aMalformedRecordIsQuarantinedNeverDropped() {
    try (SandboxServer sandbox = start(rows(), "malformed:20%");
        Source source = source(sandbox)) {
      List<SourceRecord> records = readAll(source, stream(), Cursor.START);
      RecordMapper mapper = RecordMapper.compile(stream(), source.discover(stream().name(), stream().optionsOrEmpty()),
          JSON);
      long quarantined = 0;
      for (SourceRecord r : records) {
        MappedItem item = mapper.map(r, null);
        if (item.isQuarantined()) {
          quarantined++;
          assertThat(item.quarantined().reasons()).isNotEmpty();
          assertThat(item.quarantined().rawJson()).isNotBlank();
        }
      }
      assertThat(quarantined).as("the sandbox corrupted some records; each must be quarantined").isPositive();
      assertComplete(sandbox, records);
    }
  }

  @Test
  protected void aPermanentErrorFailsFastWithAHint() {
    try (SandboxServer sandbox = start(rows(), "none");
        Source source = source(sandbox)) {
      assertThatThrownBy(() -> readAll(source, brokenStream(), Cursor.START))
          .isInstanceOf(TributaryException.class)
          .satisfies(e -> {
            TributaryException te = (TributaryException) e;
            assertThat(te.kind()).isIn(TributaryException.Kind.CONFIG, TributaryException.Kind.AUTH);
            assertThat(te.hint()).isNotBlank();
          });
    }
  }
}
