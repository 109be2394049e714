package io.tributary.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Splitting a jdbc stream into key ranges, and reading one range (also from a resume position), on H2. */
@Tag("unit")
class JdbcPartitionsTest {

  private String url;
  private JdbcSource source;

  @BeforeEach
  void setUp() throws Exception {
    url = "jdbc:h2:mem:part_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(20), updated_at TIMESTAMP(6) NOT NULL)");
      // ids 11..110; updated_at runs backwards against id, so cursor order differs from key order
      s.execute("INSERT INTO items SELECT x + 10, 'item ' || (x + 10), TIMESTAMP '2024-01-01 00:00:00'"
          + " + (200 - x) * INTERVAL '1' MINUTE FROM SYSTEM_RANGE(1, 100)");
      s.execute("CREATE TABLE pairs (a INT, b INT, PRIMARY KEY (a, b))");
      s.execute("CREATE TABLE labels (code VARCHAR(5) PRIMARY KEY)");
    }
    source = new JdbcSource(new JdbcSourceConfig(url, "sa", null, "public", 5));
  }

  @Test
  void splitsTheKeySpanIntoContiguousRangesOpenAtBothEnds() {
    assertThat(JdbcPartitions.split(1, 20_000, 4)).containsExactly(
        Map.of("key_to", "5001"),
        Map.of("key_from", "5001", "key_to", "10001"),
        Map.of("key_from", "10001", "key_to", "15001"),
        Map.of("key_from", "15001"));
    assertThat(JdbcPartitions.split(7, 8, 4)).containsExactly(Map.of("key_to", "8"), Map.of("key_from", "8"));
    assertThat(JdbcPartitions.split(5, 5, 4)).containsExactly(Map.of());
    assertThat(JdbcPartitions.split(Long.MIN_VALUE, Long.MAX_VALUE, 2))
        .containsExactly(Map.of("key_to", "0"), Map.of("key_from", "0"));
  }

  @Test
  void lowestWatermarkComparesNumbersAndInstantsByValueAndGivesUpOnText() {
    Cursor a = Cursor.of("updated_at", "2024-01-01T09:00:00Z", "id", "10");
    Cursor b = Cursor.of("updated_at", "2024-01-01T10:00:00Z", "id", "9");
    Cursor c = Cursor.of("updated_at", "2024-01-01T09:00:00Z", "id", "9");
    assertThat(JdbcPartitions.lowest(List.of(b, a))).isEqualTo(a);
    assertThat(JdbcPartitions.lowest(List.of(b, a, c))).isEqualTo(c);
    assertThat(JdbcPartitions.lowest(List.of(Cursor.of("id", "10"), Cursor.of("id", "9"))))
        .isEqualTo(Cursor.of("id", "9"));
    assertThat(JdbcPartitions.lowest(List.of(Cursor.of("code", "b"), Cursor.of("code", "B"))))
        .isEqualTo(Cursor.START);
  }

  @Test
  void aPositionInTheNullCursorPhaseIsLowerThanEveryPositionWithACursorValue() {
    Cursor nullPhase = Cursor.of("id", "90");
    Cursor valued = Cursor.of("updated_at", "1960-01-01T00:00:00Z", "id", "1");
    assertThat(JdbcPartitions.lowest(List.of(valued, nullPhase))).isEqualTo(nullPhase);
    assertThat(JdbcPartitions.lowest(List.of(nullPhase, valued))).isEqualTo(nullPhase);
    assertThat(JdbcPartitions.lowest(List.of(valued, nullPhase, Cursor.of("id", "7")))).isEqualTo(Cursor.of("id", "7"));
    // another key altogether is not comparable: start over
    assertThat(JdbcPartitions.lowest(List.of(valued, Cursor.of("code", "7")))).isEqualTo(Cursor.START);
  }

  @Test
  void lowestWatermarkComparesWallClockCursorsAsWallClockTimes() {
    // 02:30 (in a Berlin DST gap) is before 03:10 as wall-clock values, whatever instants they would map to
    Cursor gap = Cursor.of("updated_at", "2024-03-31T02:30:00", "id", "7");
    Cursor after = Cursor.of("updated_at", "2024-03-31T03:10:00", "id", "1");
    assertThat(JdbcPartitions.lowest(List.of(after, gap))).isEqualTo(gap);
    // an instant saved by an older version next to a wall-clock value: no order is safe, so the read starts over
    assertThat(JdbcPartitions.lowest(List.of(after, Cursor.of("updated_at", "2024-03-31T00:30:00Z", "id", "1"))))
        .isEqualTo(Cursor.START);
  }

  @Test
  void thePartsOfAStreamReadEveryRowExactlyOnce() {
    ReadRequest request = request("items", Cursor.START);
    List<Map<String, String>> parts = source.partitions(request, 3);
    assertThat(parts).containsExactly(Map.of("key_to", "44"), Map.of("key_from", "44", "key_to", "77"),
        Map.of("key_from", "77"));
    List<Long> all = new ArrayList<>();
    for (Map<String, String> part : parts) {
      all.addAll(ids(readAll(request.withPartition(part), Cursor.START)));
    }
    List<Long> expected = new ArrayList<>();
    for (long id = 11; id <= 110; id++) {
      expected.add(id);
    }
    assertThat(all).hasSize(100).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aPartResumesAfterAPositionInsideItsRangeAndStaysInsideIt() {
    ReadRequest part = request("items", Cursor.START).withPartition(Map.of("key_from", "44", "key_to", "77"));
    List<SourceRecord> first = readAll(part, Cursor.START);
    // cursor order is updated_at ascending, i.e. id descending: 76, 75, ..., 44
    assertThat(ids(first)).startsWith(76L, 75L).endsWith(44L).hasSize(33);
    List<SourceRecord> rest = readAll(part, first.get(9).position());
    assertThat(ids(rest)).containsExactlyElementsOf(ids(first).subList(10, 33));
  }

  @Test
  void anIncrementalPartReadsFromTheWatermarkWithinItsRange() {
    // id 60 has updated_at 00:00 + (200 - 50) minutes = 02:30; ids below 60 are later
    ReadRequest part = request("items", Cursor.of("updated_at", "2024-01-01T02:30:00Z", "id", "60"))
        .withPartition(Map.of("key_from", "44", "key_to", "77"));
    assertThat(ids(readAll(part, Cursor.START))).containsExactly(59L, 58L, 57L, 56L, 55L, 54L, 53L, 52L, 51L, 50L,
        49L, 48L, 47L, 46L, 45L, 44L);
  }

  @Test
  void aStreamWithoutASingleIntegerKeyCannotBeSplit() {
    assertThatThrownBy(() -> source.partitions(request("pairs", Cursor.START), 2))
        .isInstanceOf(TributaryException.class).hasMessageContaining("splits a stream only by a single integer key");
    assertThatThrownBy(() -> source.partitions(request("labels", Cursor.START), 2))
        .isInstanceOf(TributaryException.class).hasMessageContaining("not an integer");
  }

  private static ReadRequest request(String table, Cursor watermark) {
    List<String> cursor = table.equals("items") ? List.of("updated_at") : List.of();
    return new ReadRequest(table, Map.of(), List.of(), cursor, watermark, Duration.ZERO, 7);
  }

  private List<SourceRecord> readAll(ReadRequest request, Cursor from) {
    List<SourceRecord> records = new ArrayList<>();
    try (StreamReader reader = source.open(request)) {
      Cursor cursor = from;
      while (true) {
        Page page = reader.read(cursor);
        records.addAll(page.records());
        if (page.done()) {
          return records;
        }
        cursor = page.next();
      }
    }
  }

  private static List<Long> ids(List<SourceRecord> records) {
    return records.stream().map(r -> ((Number) fieldIgnoringCase(r, "id")).longValue()).toList();
  }

  private static Object fieldIgnoringCase(SourceRecord r, String name) {
    for (Map.Entry<String, Object> e : r.fields().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    throw new AssertionError("no field " + name + " in " + r);
  }
}
