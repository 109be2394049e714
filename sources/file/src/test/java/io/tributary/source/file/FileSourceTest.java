package io.tributary.source.file;

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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class FileSourceTest {

  @TempDir Path dir;
  private Source source;

  @BeforeEach
  void setUp() {
    source = new FileSourceProvider().create(new FileSourceConfig("drop"),
        new JobContext("t", dir.resolve("t.yml"), dir));
  }

  /** One run: every page until done, and the watermark the engine would keep (the last non-null one). */
  record Run(List<SourceRecord> records, Cursor watermark, int pages) {}

  Run run(Map<String, Object> options, Cursor watermark, int pageSize) {
    return runFrom(options, watermark, pageSize, Cursor.START);
  }

  Run runFrom(Map<String, Object> options, Cursor watermark, int pageSize, Cursor from) {
    ReadRequest req = new ReadRequest("s", options, List.of("id"), List.of(), watermark, Duration.ZERO, pageSize);
    List<SourceRecord> records = new ArrayList<>();
    Cursor kept = null;
    try (StreamReader reader = source.open(req)) {
      Cursor cursor = from;
      for (int pages = 1; pages < 1000; pages++) {
        Page page = reader.read(cursor);
        records.addAll(page.records());
        kept = page.watermark() != null ? page.watermark() : kept;
        if (page.done()) {
          return new Run(records, kept, pages);
        }
        cursor = page.next();
      }
    }
    throw new AssertionError("never done");
  }

  Path drop(String name, String content, long modifiedMinute) throws IOException {
    Path file = dir.resolve("drop").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + modifiedMinute * 60_000));
    return file;
  }

  /** {@code size:c<crc32c><crc32>}, as the manifest records a file, computed here from the bytes on disk. */
  static String fingerprint(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    java.util.zip.CRC32C castagnoli = new java.util.zip.CRC32C();
    castagnoli.update(bytes);
    java.util.zip.CRC32 ieee = new java.util.zip.CRC32();
    ieee.update(bytes);
    return bytes.length + ":c" + String.format("%08x%08x", castagnoli.getValue(), ieee.getValue());
  }

  /** The fingerprint Tributary recorded before 2026-12-08: {@code size:} and the first 16 hex digits of SHA-256. */
  static String shaFingerprint(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return bytes.length + ":" + hex.substring(0, 16);
  }

  static List<Object> values(List<SourceRecord> records, String field) {
    return records.stream().map(r -> r.fields().get(field)).toList();
  }

  static final Map<String, Object> CSV = Map.of("pattern", "*.csv");

  @Test
  void loadsEachFileOnceAcrossRunsOldestFirst() throws Exception {
    Path b = drop("b.csv", "id,name\n4,d\n5,e\n", 1);
    Path a = drop("a.csv", "id,name\n1,a\n2,b\n3,c\n", 0);
    Run first = run(CSV, Cursor.START, 2);
    assertThat(values(first.records(), "id")).containsExactly("1", "2", "3", "4", "5");
    assertThat(first.watermark().values())
        .isEqualTo(Map.of("manifest", "{\"a.csv\":\"" + fingerprint(a) + "\",\"b.csv\":\"" + fingerprint(b) + "\"}"));

    Run second = run(CSV, first.watermark(), 2);
    assertThat(second.records()).isEmpty();

    drop("c.csv", "id,name\n6,f\n", 2);
    Run third = run(CSV, first.watermark(), 2);
    assertThat(values(third.records(), "id")).containsExactly("6");
    assertThat(third.watermark().get("manifest")).contains("\"c.csv\":").contains("\"a.csv\":");
  }

  @Test
  void aModifiedFileIsLoadedAgain() throws Exception {
    drop("a.csv", "id,name\n1,a\n", 0);
    drop("b.csv", "id,name\n2,b\n", 1);
    Run first = run(CSV, Cursor.START, 10);
    drop("a.csv", "id,name\n1,a\n7,g\n", 3);
    Run second = run(CSV, first.watermark(), 10);
    assertThat(values(second.records(), "id")).containsExactly("1", "7");
  }

  @Test
  void pageWatermarkNamesOnlyCompletelyReadFiles() throws Exception {
    Path a = drop("a.csv", "id\n1\n2\n", 0);
    drop("b.csv", "id\n3\n4\n5\n", 1);
    ReadRequest req = new ReadRequest("s", CSV, List.of("id"), List.of(), Cursor.START, Duration.ZERO, 3);
    try (StreamReader reader = source.open(req)) {
      Page page = reader.read(Cursor.START);
      assertThat(values(page.records(), "id")).containsExactly("1", "2", "3");
      assertThat(page.watermark().get("manifest")).isEqualTo("{\"a.csv\":\"" + fingerprint(a) + "\"}");
      assertThat(page.records().get(2).position().values()).containsEntry("file", "b.csv").containsEntry("record", "1");
    }
  }

  @Test
  void resumesInsideAFileFromARecordPosition() throws Exception {
    drop("a.csv", "id\n1\n2\n3\n4\n5\n", 0);
    drop("b.csv", "id\n6\n", 1);
    Cursor saved;
    ReadRequest req = new ReadRequest("s", CSV, List.of("id"), List.of(), Cursor.START, Duration.ZERO, 3);
    try (StreamReader reader = source.open(req)) {
      saved = reader.read(Cursor.START).records().get(1).position();
    }
    assertThat(saved.values()).containsEntry("file", "a.csv").containsEntry("record", "2");
    Run rest = runFrom(CSV, Cursor.START, 3, saved);
    assertThat(values(rest.records(), "id")).containsExactly("3", "4", "5", "6");
  }

  @Test
  void csvWithBomQuotesEmbeddedNewlinesAndEmoji() throws Exception {
    drop("x.csv", "\uFEFFid,name,note\r\n1,\"Smith, Jane\",\"line one\nline two\"\r\n2,\"say \"\"hi\"\"\",\r\n"
        + "3,caf\u00e9 \uD83D\uDE80,ok\r\n", 0);
    List<SourceRecord> records = run(CSV, Cursor.START, 10).records();
    assertThat(records).hasSize(3);
    assertThat(records.get(0).fields()).isEqualTo(
        ordered("id", "1", "name", "Smith, Jane", "note", "line one\nline two"));
    assertThat(records.get(1).fields()).isEqualTo(ordered("id", "2", "name", "say \"hi\"", "note", null));
    assertThat(records.get(2).fields().get("name")).isEqualTo("caf\u00e9 \uD83D\uDE80");
    assertThat(records.get(2).position().get("record")).isEqualTo("3");
  }

  @Test
  void csvRecordWithTheWrongValueCountBecomesAnErrorRecord() throws Exception {
    drop("x.csv", "id,name\n1,a\n2,b,extra\n3,c\n", 0);
    List<SourceRecord> records = run(CSV, Cursor.START, 10).records();
    assertThat(records).hasSize(3);
    assertThat(records.get(1).fields()).containsEntry("_raw", "2,b,extra");
    assertThat((String) records.get(1).fields().get("_error")).contains("x.csv").contains("expected 2 values, found 3");
    assertThat(records.get(2).fields()).containsEntry("id", "3");
  }

  @Test
  void unbalancedQuoteFailsNamingTheFileAndLine() throws Exception {
    drop("x.csv", "id,name\n1,a\n2,\"never closed\n3,c\n", 0);
    assertThatThrownBy(() -> run(CSV, Cursor.START, 10)).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
      assertThat(e.getMessage()).contains("x.csv").contains("line");
    });
  }

  @Test
  void aCsvHeaderNamingOneColumnTwiceStopsWithTheFileNotASilentlyLostColumn() throws Exception {
    drop("dup.csv", "id,name,name\n1,first,second\n", 1);
    assertThatThrownBy(() -> run(CSV, Cursor.START, 10)).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.getMessage()).contains("dup.csv").contains("header row").contains("duplicate field name 'name'");
      assertThat(e.hint()).contains("name each column once");
    });
  }

  @Test
  void jsonlKeepsNestingAndTypesAndQuarantinesAMalformedLine() throws Exception {
    drop("i.jsonl", "{\"id\": 1, \"total\": {\"amount\": 12.50, \"currency\": \"EUR\"}, \"paid\": true}\n"
        + "{\"id\": 2, \"total\": {\"amount\": 3, \"cur\n"
        + "\n"
        + "{\"id\": 3, \"tags\": [\"a\"]}\n", 0);
    List<SourceRecord> records = run(Map.of("pattern", "*.jsonl"), Cursor.START, 10).records();
    assertThat(records).hasSize(3);
    assertThat(records.get(0).fields()).isEqualTo(ordered("id", 1L,
        "total", ordered("amount", new BigDecimal("12.50"), "currency", "EUR"), "paid", true));
    assertThat(records.get(1).fields()).containsEntry("_raw", "{\"id\": 2, \"total\": {\"amount\": 3, \"cur");
    assertThat((String) records.get(1).fields().get("_error")).startsWith("invalid JSON in i.jsonl line 2: ");
    assertThat(records.get(2).fields()).containsEntry("id", 3L).containsEntry("tags", List.of("a"));
    assertThat(records.get(2).position().get("record")).isEqualTo("4");
  }

  @Test
  void discoversCsvHeaderAsStringsAndInfersJsonlTypes() throws Exception {
    drop("a.csv", "\uFEFFid,amount\n", 0);
    drop("i.jsonl", "{\"id\": 1, \"total\": {\"amount\": 12.5}, \"ok\": true, \"note\": null}\n"
        + "{\"id\": 2, \"total\": {\"amount\": 3}, \"ok\": false, \"note\": \"x\", \"tags\": [1]}\n", 0);
    StreamSchema csv = source.discover("a", Map.of("pattern", "a.csv"));
    assertThat(csv.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly("id:STRING", "amount:STRING");
    StreamSchema jsonl = source.discover("i", Map.of("pattern", "*.jsonl"));
    assertThat(jsonl.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly(
        "id:INTEGER", "total_amount:DECIMAL", "ok:BOOLEAN", "note:STRING", "tags:JSON");
    assertThat(source.discover()).extracting(StreamSchema::name).containsExactly("a", "i");
    assertThat(jsonl.column("id").orElseThrow().type()).isEqualTo(ColumnType.INTEGER);
  }

  @Test
  void optionsAreCheckedWithSuggestions() {
    assertThatThrownBy(() -> source.validateStream("s", Map.of("patern", "*.csv")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.getMessage()).contains("stream 's'").contains("'patern'");
          assertThat(e.hint()).contains("did you mean 'pattern'?");
        });
    assertThatThrownBy(() -> source.validateStream("s", Map.of())).hasMessageContaining("no options.pattern");
    assertThatThrownBy(() -> source.validateStream("s", Map.of("pattern", "*.csv", "format", "xml")))
        .hasMessageContaining("'xml'");
  }

  @Test
  void missingFolderIsAConfigError() {
    assertThatThrownBy(source::check).isInstanceOfSatisfying(TributaryException.class,
        e -> assertThat(e.getMessage()).contains(dir.resolve("drop").toString()));
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** How a loaded file comes back under its name before the next run. */
  enum Redelivery { UNTOUCHED, SAME_BYTES_NEW_TIME, SAME_SIZE_OTHER_BYTES, OTHER_SIZE }

  /**
   * The whole-file hand-over to a warehouse (DuckDB reads the file itself): every file is handed over once, and a
   * file that comes back under a loaded name is handed over again exactly when its content changed, whatever its
   * size and time say. The file's fingerprint in the cursor after it is checked against a SHA-256 this test computes
   * (it is now computed while the warehouse reads, and only when the manifest holds the name with the same size).
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(Redelivery.class)
  void aFileBackUnderALoadedNameIsHandedOverAgainExactlyWhenItsContentChanged(Redelivery redelivery)
      throws Exception {
    Path a = drop("a.csv", "id,name\n1,x\n2,y\n", 1);
    Path b = drop("b.csv", "id,name\n3,z\n", 2);
    io.tributary.core.WholeFileSource whole = (io.tributary.core.WholeFileSource) source;
    Map<String, Object> options = Map.of("pattern", "*.csv");
    ReadRequest req = new ReadRequest("s", options, List.of("id"), List.of(), Cursor.START, Duration.ZERO, 100);
    List<String> handedOver = new ArrayList<>();
    Cursor position = Cursor.START;
    for (var f = whole.nextWholeCsv(req, position); f.isPresent(); f = whole.nextWholeCsv(req, position)) {
      handedOver.add(f.get().name());
      position = f.get().after();
    }
    assertThat(handedOver).containsExactly("a.csv", "b.csv");
    assertThat(position.get("manifest")).contains("\"a.csv\":\"" + fingerprint(a) + "\"");

    switch (redelivery) {
      case UNTOUCHED -> { }
      case SAME_BYTES_NEW_TIME -> Files.setLastModifiedTime(a, FileTime.fromMillis(1_700_000_000_000L + 3 * 60_000));
      case SAME_SIZE_OTHER_BYTES -> {
        Files.writeString(a, "id,name\n1,x\n2,w\n");
        Files.setLastModifiedTime(a, FileTime.fromMillis(1_700_000_000_000L + 3 * 60_000));
      }
      case OTHER_SIZE -> {
        Files.writeString(a, "id,name\n1,x\n2,y\n4,v\n");
        Files.setLastModifiedTime(a, FileTime.fromMillis(1_700_000_000_000L + 3 * 60_000));
      }
    }
    Source next = new FileSourceProvider().create(new FileSourceConfig("drop"),
        new JobContext("t", dir.resolve("t.yml"), dir));
    var again = ((io.tributary.core.WholeFileSource) next).nextWholeCsv(
        new ReadRequest("s", options, List.of("id"), List.of(), position, Duration.ZERO, 100), Cursor.START);
    boolean changed = redelivery == Redelivery.SAME_SIZE_OTHER_BYTES || redelivery == Redelivery.OTHER_SIZE;
    assertThat(again.map(io.tributary.core.CsvFile::name)).isEqualTo(
        changed ? java.util.Optional.of("a.csv") : java.util.Optional.empty());
    if (changed) {
      assertThat(again.get().after().get("manifest")).contains("\"a.csv\":\"" + fingerprint(a) + "\"")
          .contains("\"b.csv\":\"" + fingerprint(b) + "\"");
    }
  }


  /**
   * A manifest and an in-file position written before the fingerprint became CRCs name files by SHA-256 prefix: after
   * the upgrade an unchanged file is still loaded (read again, an append stream would duplicate it), a file changed
   * under its name still is not, and a run stopped inside a file resumes after the records it had read.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "the SHA-256 prefix of a.csv starts with {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "c", "f"})
  void manifestsAndPositionsOfTheSha256FingerprintStillRecogniseTheirFiles(String firstHexDigit) throws Exception {
    Path a = drop("a.csv", "id,name\n1,x\n2,y\n3,z\n", 1);
    // a fingerprint of CRCs starts with c after the size: an old one that happens to start with c must not pass for it
    for (int n = 0; !shaFingerprint(a).startsWith(Files.size(a) + ":" + firstHexDigit); n++) {
      a = drop("a.csv", "id,name\n1,x\n2,y\n3,z" + n + "\n", 1);
    }
    Path b = drop("b.csv", "id,name\n4,u\n5,v\n", 2);
    Path c = drop("c.csv", "id,name\n6,w\n", 3);
    String oldManifest = "{\"a.csv\":\"" + shaFingerprint(a) + "\",\"b.csv\":\"" + shaFingerprint(b) + "\"}";
    Files.writeString(b, "id,name\n4,u\n5,V\n"); // same size, other content
    Files.setLastModifiedTime(b, FileTime.fromMillis(1_700_000_000_000L + 2 * 60_000));

    Run incremental = run(Map.of("pattern", "*.csv"), Cursor.of("manifest", oldManifest), 100);
    assertThat(values(incremental.records(), "id")).containsExactly("4", "5", "6");
    assertThat(incremental.watermark().get("manifest")).isEqualTo("{\"a.csv\":\"" + shaFingerprint(a)
        + "\",\"b.csv\":\"" + fingerprint(b) + "\",\"c.csv\":\"" + fingerprint(c) + "\"}");

    Map<String, String> inFile = new LinkedHashMap<>();
    inFile.put("file", "a.csv");
    inFile.put("record", "1");
    inFile.put("fingerprint", shaFingerprint(a));
    inFile.put("manifest", "{}");
    Run resumed = runFrom(Map.of("pattern", "*.csv"), Cursor.START, 100, new Cursor(inFile));
    assertThat(values(resumed.records(), "id")).hasSize(5).startsWith("2").endsWith("4", "5", "6");
  }
}
