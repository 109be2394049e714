package io.tributary.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.io.IOException;
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
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run stops after k of a file's n records (the engine committed the chunk whose last position is record k), the
 * exporter then rewrites the file under the same name, and a new process resumes from that position. Every record of
 * the new file must arrive and the manifest must name the new version; the old version's first k records are the
 * only ones already delivered, and they were real records of the old file. The truth is the rows this test wrote.
 */
@Tag("unit")
class FileDropOverwriteResumeTest {

  private static final Map<String, Object> CSV = Map.of("pattern", "*.csv");
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  /** How the file is rewritten: same byte size with other values, or more or fewer records. */
  enum Rewrite { SAME_SIZE, MORE_RECORDS, FEWER_RECORDS }

  static Stream<Arguments> cases() {
    Random random = new Random(20_261_231L);
    List<Arguments> cases = new ArrayList<>();
    for (int n : new int[] {6, 23}) {
      for (int k : new int[] {1, 2, n / 2, n - 1}) {
        for (Rewrite rewrite : Rewrite.values()) {
          int pageSize = 1 + random.nextInt(7);
          int newCount = switch (rewrite) {
            case SAME_SIZE -> n;
            case MORE_RECORDS -> n + 1 + random.nextInt(5);
            case FEWER_RECORDS -> 1 + random.nextInt(n - 1);
          };
          cases.add(Arguments.of(n, k, rewrite, newCount, pageSize, random.nextLong()));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "n={0} k={1} {2} -> {3} records, page {4}")
  @MethodSource("cases")
  void aFileRewrittenBeforeTheResumeArrivesWhole(int n, int k, Rewrite rewrite, int newCount, int pageSize, long seed)
      throws Exception {
    Random random = new Random(seed);
    List<Map<String, Object>> oldRows = rows("old", n, random);
    List<Map<String, Object>> otherRows = rows("other", 3, random);
    Path customers = write("customers.csv", oldRows, 0);
    Path other = write("orders.csv", otherRows, 1);

    Cursor saved = positionAfter(source(), k, pageSize);
    assertThat(saved.values()).containsEntry("file", "customers.csv").containsEntry("record", Long.toString(k));

    List<Map<String, Object>> newRows = rows("new", newCount, random);
    write("customers.csv", newRows, 2);
    if (rewrite == Rewrite.SAME_SIZE) {
      assertThat(Files.size(customers)).as("a same-size rewrite").isEqualTo(csv(oldRows).length);
    }

    Run resumed = runFrom(source(), saved, pageSize);

    List<Map<String, Object>> expected = new ArrayList<>(otherRows);
    expected.addAll(newRows);
    assertThat(resumed.fields()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(resumed.watermark().get("manifest")).isEqualTo(
        "{\"customers.csv\":\"" + fingerprint(customers) + "\",\"orders.csv\":\"" + fingerprint(other) + "\"}");
  }

  @Test
  void aFileUnchangedSinceTheCursorResumesAfterItsRecord() throws Exception {
    Random random = new Random(7);
    List<Map<String, Object>> rows = rows("only", 9, random);
    write("customers.csv", rows, 0);
    Cursor saved = positionAfter(source(), 4, 3);
    assertThat(runFrom(source(), saved, 3).fields()).containsExactlyElementsOf(rows.subList(4, 9));
  }

  @Test
  void aCursorSavedWithoutAFingerprintStillResumesByCount() throws Exception {
    Random random = new Random(8);
    List<Map<String, Object>> rows = rows("only", 9, random);
    write("customers.csv", rows, 0);
    Map<String, String> old = new LinkedHashMap<>(positionAfter(source(), 4, 3).values());
    assertThat(old.remove("fingerprint")).as("the cursor keeps the file's fingerprint").isNotNull();
    assertThat(runFrom(source(), new Cursor(old), 3).fields()).containsExactlyElementsOf(rows.subList(4, 9));
  }

  /** One run from a cursor to the end: the records' fields and the last watermark the engine would keep. */
  record Run(List<Map<String, Object>> fields, Cursor watermark) {}

  /** A fresh source, as a new process after a crash or kill would have: no fingerprints known yet. */
  private Source source() {
    return new FileSourceProvider().create(new FileSourceConfig("drop"), new JobContext("t", dir.resolve("t.yml"), dir));
  }

  private static ReadRequest request(int pageSize) {
    return new ReadRequest("s", CSV, List.of("id"), List.of(), Cursor.START, Duration.ZERO, pageSize);
  }

  /** The position of the k-th record read, as the engine commits it after a chunk ending there. */
  private static Cursor positionAfter(Source source, int k, int pageSize) {
    List<SourceRecord> read = new ArrayList<>();
    try (StreamReader reader = source.open(request(pageSize))) {
      Cursor cursor = Cursor.START;
      while (read.size() < k) {
        Page page = reader.read(cursor);
        read.addAll(page.records());
        cursor = page.next();
      }
    }
    return read.get(k - 1).position();
  }

  private static Run runFrom(Source source, Cursor from, int pageSize) {
    List<Map<String, Object>> fields = new ArrayList<>();
    Cursor kept = null;
    try (StreamReader reader = source.open(request(pageSize))) {
      Cursor cursor = from;
      for (int pages = 0; pages < 1000; pages++) {
        Page page = reader.read(cursor);
        page.records().forEach(r -> fields.add(r.fields()));
        kept = page.watermark() != null ? page.watermark() : kept;
        if (page.done()) {
          return new Run(fields, kept);
        }
        cursor = page.next();
      }
    }
    throw new AssertionError("never done");
  }

  /** Rows with fixed-width values, so two versions with as many rows have the same byte size. */
  private static List<Map<String, Object>> rows(String version, int count, Random random) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", String.format("%05d", random.nextInt(100_000)));
      row.put("version", String.format("%-5s", version).replace(' ', '_'));
      row.put("amount", String.format("%06d", random.nextInt(1_000_000)));
      rows.add(row);
    }
    return rows;
  }

  private static byte[] csv(List<Map<String, Object>> rows) {
    StringBuilder text = new StringBuilder("id,version,amount\n");
    rows.forEach(r -> text.append(String.join(",", r.values().stream().map(String::valueOf).toList())).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private Path write(String name, List<Map<String, Object>> rows, int minute) throws IOException {
    Path file = dir.resolve("drop").resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, csv(rows));
    Files.setLastModifiedTime(file, FileTime.fromMillis(T0 + minute * 60_000L));
    return file;
  }

  private static String fingerprint(Path file) throws Exception {
    return FileSourceTest.fingerprint(file);
  }
}
