package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine against TinyApi: each paging style to the end, resume, incremental bounds, schema and auth errors. */
@Tag("sandbox")
class RestSourceTest {

  private static final List<String> STYLES = List.of("by_link", "by_next_url", "by_token", "by_offset", "by_page");

  @TempDir
  Path dir;
  private TinyApi api;

  @BeforeEach
  void start() throws IOException {
    api = new TinyApi(50);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Source source(String key) throws IOException {
    Path secret = dir.resolve("key");
    Files.writeString(secret, key);
    Path def = dir.resolve("notes.yml");
    Files.copy(RestSourceTest.class.getResourceAsStream("/rest/notes.yml"), def,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("definition", "notes.yml");
    block.put("base_url", api.baseUrl());
    block.put("api_key", "${file:" + secret + "}");
    block.put("http", Map.of("initial_backoff", "10ms", "max_attempts", 2));
    return new RestSourceProvider().create(block, new JobContext("notes", dir.resolve("job.yml"), dir));
  }

  private static List<SourceRecord> readAll(Source source, ReadRequest req, Cursor from, List<Page> pages) {
    List<SourceRecord> out = new ArrayList<>();
    try (StreamReader r = source.open(req)) {
      Cursor c = from;
      for (int i = 0; i < 1000; i++) {
        Page p = r.read(c);
        pages.add(p);
        out.addAll(p.records());
        if (p.done()) {
          return out;
        }
        c = p.next();
      }
    }
    throw new AssertionError("no last page");
  }

  private static ReadRequest full(String stream) {
    return new ReadRequest(stream, Map.of(), List.of("id"), List.of("updated_at"), Cursor.START, Duration.ZERO, 7);
  }

  private static List<Long> ids(List<SourceRecord> records) {
    return records.stream().map(r -> ((Number) r.fields().get("id")).longValue()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"by_link", "by_next_url", "by_token", "by_offset", "by_page"})
  void everyPagingStyleReadsEachRecordOnce(String stream) throws IOException {
    try (Source source = source(TinyApi.KEY)) {
      List<Page> pages = new ArrayList<>();
      List<SourceRecord> records = readAll(source, full(stream), Cursor.START, pages);
      assertThat(ids(records)).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
      assertThat(pages).hasSize(8); // 7 records a page, 50 records
      Page last = pages.get(pages.size() - 1);
      assertThat(last.watermark()).isEqualTo(Cursor.of("updated_at", TinyApi.BASE.plusSeconds(60 * 50).toString()));
    }
  }

  @Test
  void aNewProcessResumesFromTheSavedCursor() throws IOException {
    for (String stream : STYLES) {
      Cursor saved;
      List<SourceRecord> first = new ArrayList<>();
      try (Source source = source(TinyApi.KEY); StreamReader r = source.open(full(stream))) {
        Page p1 = r.read(Cursor.START);
        Page p2 = r.read(p1.next());
        first.addAll(p1.records());
        first.addAll(p2.records());
        saved = p2.next();
      }
      try (Source source = source(TinyApi.KEY)) {
        List<SourceRecord> rest = readAll(source, full(stream), saved, new ArrayList<>());
        List<Long> all = new ArrayList<>(ids(first));
        all.addAll(ids(rest));
        assertThat(all).as(stream).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
      }
    }
  }

  @Test
  void anIncrementalReadSendsTheWatermarkMinusTheLookback() throws IOException {
    try (Source source = source(TinyApi.KEY)) {
      Cursor watermark = Cursor.of("updated_at", TinyApi.BASE.plusSeconds(60 * 45).toString());
      ReadRequest req = new ReadRequest("by_link", Map.of(), List.of("id"), List.of("updated_at"), watermark,
          Duration.ofMinutes(2), 7);
      List<SourceRecord> records = readAll(source, req, Cursor.START, new ArrayList<>());
      assertThat(ids(records)).containsExactly(43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L);
      assertThat(api.requests.get(0)).contains("updated_since=2025-01-01T00%3A43%3A00Z")
          .doesNotContain("test-key");
    }
  }

  @Test
  void aStreamWithNoNewRecordsKeepsItsWatermark() throws IOException {
    try (Source source = source(TinyApi.KEY)) {
      Cursor watermark = Cursor.of("updated_at", TinyApi.BASE.plusSeconds(60 * 51).toString());
      ReadRequest req = new ReadRequest("by_token", Map.of(), List.of("id"), List.of("updated_at"), watermark,
          Duration.ZERO, 7);
      List<Page> pages = new ArrayList<>();
      assertThat(readAll(source, req, Cursor.START, pages)).isEmpty();
      assertThat(pages.get(0).watermark()).isEqualTo(watermark);
    }
  }

  @Test
  void aSortedStreamCarriesTheWatermarkOnEveryPage() throws IOException {
    try (Source source = source(TinyApi.KEY)) {
      List<Page> pages = new ArrayList<>();
      readAll(source, full("by_page"), Cursor.START, pages);
      assertThat(pages.get(0).watermark()).isEqualTo(Cursor.of("updated_at", TinyApi.BASE.plusSeconds(60 * 7)
          .toString()));
    }
  }

  @Test
  void schemasAreDeclaredOrInferredFromTheFirstPage() throws IOException {
    try (Source source = source(TinyApi.KEY)) {
      StreamSchema declared = source.discover("by_page", Map.of());
      assertThat(declared.columnNames()).containsExactly("id", "title", "updated_at", "author.name", "tags");
      StreamSchema inferred = source.discover("by_link", Map.of());
      assertThat(inferred.columnNames()).containsExactly("id", "title", "updated_at", "author.name", "author.team",
          "tags");
      assertThat(inferred.column("id").orElseThrow().type()).isEqualTo(ColumnType.INTEGER);
      assertThat(inferred.column("updated_at").orElseThrow().type()).isEqualTo(ColumnType.TIMESTAMP);
      assertThat(inferred.column("tags").orElseThrow().type()).isEqualTo(ColumnType.JSON);
      assertThat(inferred.primaryKey()).containsExactly("id");
    }
  }

  @Test
  void aSchemaCanComeFromThePlatformsMetadataEndpoint() throws IOException {
    try (Source source = source(TinyApi.KEY)) {
      StreamSchema described = source.discover("described", Map.of());
      assertThat(described.columns()).extracting(c -> c.name() + " " + c.type()).containsExactly("id INTEGER",
          "title STRING", "updated_at TIMESTAMP", "tags JSON");
      assertThat(api.requests).anyMatch(r -> r.startsWith("/fields"));
    }
  }

  @Test
  void aRejectedKeyFailsAsAuthWithTheVendorsMessageAndTheDefinitionsFix() throws IOException {
    try (Source source = source("wrong-key")) {
      assertThatThrownBy(source::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(TributaryException.Kind.AUTH);
        assertThat(e.getMessage()).contains("HTTP 401").contains("API key is missing or invalid");
        assertThat(e.hint()).contains("notes settings page");
      });
    }
  }

  @Test
  void anUnknownStreamOrOptionIsAConfigErrorNamingTheChoices() throws IOException {
    try (Source source = source(TinyApi.KEY)) {
      assertThatThrownBy(() -> source.validateStream("by_lnk", Map.of()))
          .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.hint()).contains("by_link"));
      assertThatThrownBy(() -> source.validateStream("by_link", Map.of("limit", 3)))
          .isInstanceOf(TributaryException.class).hasMessageContaining("unknown option 'limit'");
    }
  }
}
