package io.tributary.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every database behind the jdbc source must show: key-set paging to the end, resume from a record
 * position, incremental reads with ties across page boundaries, lookback, empty tables, type round trips and
 * discovery. Subclasses supply a fresh, empty namespace per test and the dialect's DDL for the types table.
 */
@Tag("unit")
abstract class JdbcSourceContract {

  /** 30 items; updated_at = BASE + ((7 * id) mod 5) hours, so 6 ids share each timestamp, out of id order. */
  static final int ITEMS = 30;
  static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_000);

  record Item(long id, Instant updatedAt) {}

  /** A {@code timestamp without time zone} cursor's text: its wall-clock value (the source's zone is UTC here). */
  static String wallClock(Instant instant) {
    return java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
        java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
  }

  static final List<Item> MODEL = model();

  private Source source;

  /** Config pointing at a fresh namespace, created for this test. */
  abstract JdbcSourceConfig freshConfig();

  abstract Connection connect() throws SQLException;

  abstract String timestampType();

  abstract List<String> typesTableSql();

  abstract Map<String, ColumnType> expectedTypes();

  abstract Map<String, Object> expectedValues();

  @BeforeEach
  void setUp() throws SQLException {
    JdbcSourceConfig config = freshConfig();
    source = new JdbcSourceProvider().create(config, new JobContext("t", Path.of("t.yml"), Path.of(".")));
    exec("CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(40), updated_at " + timestampType()
        + " NOT NULL)");
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
      for (long id = 1; id <= ITEMS; id++) {
        ps.setLong(1, id);
        ps.setString(2, "item " + id);
        ps.setObject(3, BASE.plusHours((7 * id) % 5));
        ps.executeUpdate();
      }
    }
  }

  void exec(String... sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  static List<Item> model() {
    List<Item> items = new ArrayList<>();
    for (long id = 1; id <= ITEMS; id++) {
      items.add(new Item(id, BASE.plusHours((7 * id) % 5).toInstant(ZoneOffset.UTC)));
    }
    items.sort(Comparator.comparing(Item::updatedAt).thenComparing(Item::id));
    return List.copyOf(items);
  }

  static ReadRequest request(String stream, Map<String, Object> options, List<String> pk, List<String> cursor,
      Cursor watermark, Duration lookback, int pageSize) {
    return new ReadRequest(stream, options, pk, cursor, watermark, lookback, pageSize);
  }

  static ReadRequest byCursor(Cursor watermark, Duration lookback, int pageSize) {
    return request("items", Map.of(), List.of("id"), List.of("updated_at"), watermark, lookback, pageSize);
  }

  static List<Page> readAll(StreamReader reader, Cursor from) {
    List<Page> pages = new ArrayList<>();
    Cursor cursor = from;
    for (int guard = 0; guard < 1000; guard++) {
      Page page = reader.read(cursor);
      pages.add(page);
      if (page.done()) {
        return pages;
      }
      cursor = page.next();
    }
    throw new AssertionError("reader never finished");
  }

  static List<SourceRecord> records(List<Page> pages) {
    return pages.stream().flatMap(p -> p.records().stream()).toList();
  }

  static Object field(SourceRecord record, String name) {
    return record.fields().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .findFirst().orElseThrow(() -> new AssertionError("no field " + name)).getValue();
  }

  static List<Long> ids(List<SourceRecord> records) {
    return records.stream().map(r -> (Long) field(r, "id")).toList();
  }

  static Map<String, String> lowerKeys(Cursor cursor) {
    Map<String, String> m = new java.util.TreeMap<>();
    cursor.values().forEach((k, v) -> m.put(k.toLowerCase(), v));
    return m;
  }

  static List<Long> modelIds(List<Item> items) {
    return items.stream().map(Item::id).toList();
  }

  @Test
  void pagesByPrimaryKeyToTheEndWithPagesSmallerThanTheTable() {
    ReadRequest req = request("items", Map.of(), List.of("id"), List.of(), Cursor.START, Duration.ZERO, 7);
    try (StreamReader reader = source.open(req)) {
      List<Page> pages = readAll(reader, Cursor.START);
      assertThat(pages).extracting(p -> p.records().size()).containsExactly(7, 7, 7, 7, 2);
      assertThat(ids(records(pages))).isEqualTo(java.util.stream.LongStream.rangeClosed(1, ITEMS).boxed().toList());
      for (Page page : pages) {
        SourceRecord last = page.records().get(page.records().size() - 1);
        assertThat(lowerKeys(page.watermark())).isEqualTo(Map.of("id", String.valueOf(field(last, "id"))));
      }
      assertThat(pages.get(pages.size() - 1).done()).isTrue();
    }
  }

  @Test
  void readsInCursorOrderWithTiesAcrossPageBoundaries() {
    try (StreamReader reader = source.open(byCursor(Cursor.START, Duration.ZERO, 4))) {
      List<SourceRecord> records = records(readAll(reader, Cursor.START));
      assertThat(ids(records)).isEqualTo(modelIds(MODEL));
      Item third = MODEL.get(2);
      assertThat(lowerKeys(records.get(2).position()))
          .isEqualTo(Map.of("id", String.valueOf(third.id()), "updated_at", wallClock(third.updatedAt())));
    }
  }

  @Test
  void resumesFromASavedRecordPositionWithExactlyTheRemainingRows() {
    Cursor saved;
    try (StreamReader reader = source.open(byCursor(Cursor.START, Duration.ZERO, 4))) {
      Page first = reader.read(Cursor.START);
      Page second = reader.read(first.next());
      Page third = reader.read(second.next());
      saved = third.records().get(1).position(); // the 10th record: mid-page, mid tie group
    }
    try (StreamReader reader = source.open(byCursor(Cursor.START, Duration.ZERO, 4))) {
      assertThat(ids(records(readAll(reader, saved)))).isEqualTo(modelIds(MODEL.subList(10, ITEMS)));
    }
  }

  @Test
  void incrementalFromAWatermarkInsideATieGroupLosesAndDuplicatesNothing() {
    Item mark = MODEL.get(8);
    assertThat(MODEL.get(9).updatedAt()).isEqualTo(mark.updatedAt()); // the tie continues past the watermark
    Cursor watermark = Cursor.of("updated_at", wallClock(mark.updatedAt()), "id", String.valueOf(mark.id()));
    try (StreamReader reader = source.open(byCursor(watermark, Duration.ZERO, 4))) {
      assertThat(ids(records(readAll(reader, Cursor.START)))).isEqualTo(modelIds(MODEL.subList(9, ITEMS)));
    }
  }

  @Test
  void lookbackRereadsEverythingWithinTheWindowBeforeTheWatermark() {
    Item mark = MODEL.get(14);
    // saved as an instant, as versions before issue 16 saved wall-clock cursors: still read (the zone is UTC)
    Cursor watermark = Cursor.of("updated_at", mark.updatedAt().toString(), "id", String.valueOf(mark.id()));
    Instant from = mark.updatedAt().minus(Duration.ofMinutes(61));
    List<Item> expected = MODEL.stream().filter(i -> !i.updatedAt().isBefore(from)).toList();
    try (StreamReader reader = source.open(byCursor(watermark, Duration.ofMinutes(61), 5))) {
      assertThat(ids(records(readAll(reader, Cursor.START)))).isEqualTo(modelIds(expected));
    }
    assertThat(expected).hasSize(24);
  }

  @Test
  void emptyTableGivesOneEmptyLastPageWithoutWatermark() throws SQLException {
    exec("CREATE TABLE nothing (id BIGINT PRIMARY KEY, updated_at " + timestampType() + ")");
    ReadRequest req = request("nothing", Map.of(), List.of("id"), List.of("updated_at"), Cursor.START,
        Duration.ZERO, 10);
    try (StreamReader reader = source.open(req)) {
      Page page = reader.read(Cursor.START);
      assertThat(page.records()).isEmpty();
      assertThat(page.done()).isTrue();
      assertThat(page.watermark()).isNull();
    }
  }

  @Test
  void queryOptionPagesTheQueryResult() {
    ReadRequest req = request("big_items", Map.of("query", "SELECT id, name FROM items WHERE id > 20;"),
        List.of("id"), List.of(), Cursor.START, Duration.ZERO, 3);
    try (StreamReader reader = source.open(req)) {
      List<SourceRecord> records = records(readAll(reader, Cursor.START));
      assertThat(ids(records)).containsExactly(21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L);
      assertThat(records.get(0).fields()).hasSize(2);
      assertThat(field(records.get(0), "name")).isEqualTo("item 21");
    }
  }

  @Test
  void compositePrimaryKeyPagesInKeyOrder() throws SQLException {
    exec("CREATE TABLE order_lines (order_id BIGINT NOT NULL, line_no INT NOT NULL, sku VARCHAR(10),"
        + " PRIMARY KEY (order_id, line_no))");
    List<String> expected = new ArrayList<>();
    for (int o = 3; o >= 1; o--) {
      for (int l = 4; l >= 1; l--) {
        exec("INSERT INTO order_lines VALUES (" + o + ", " + l + ", 'sku" + o + l + "')");
      }
    }
    for (int o = 1; o <= 3; o++) {
      for (int l = 1; l <= 4; l++) {
        expected.add("sku" + o + l);
      }
    }
    ReadRequest req = request("order_lines", Map.of(), List.of(), List.of(), Cursor.START, Duration.ZERO, 5);
    try (StreamReader reader = source.open(req)) {
      List<SourceRecord> records = records(readAll(reader, Cursor.START));
      assertThat(records.stream().map(r -> field(r, "sku")).toList()).isEqualTo(expected);
      assertThat(lowerKeys(records.get(5).position())).isEqualTo(Map.of("order_id", "2", "line_no", "2"));
    }
  }

  @Test
  void nullCursorValuesAreReadFirstInKeyOrderAndExactlyOnce() throws SQLException {
    maybeTable();
    try (StreamReader reader = source.open(maybe(Cursor.START, Duration.ZERO, 2))) {
      List<Page> pages = readAll(reader, Cursor.START);
      List<SourceRecord> records = records(pages);
      assertThat(ids(records)).containsExactly(2L, 4L, 6L, 3L, 1L, 5L);
      assertThat(field(records.get(0), "updated_at")).isNull();
      // a NULL cursor's position names the primary key alone: no sentinel that a real value could equal
      assertThat(lowerKeys(records.get(0).position())).isEqualTo(Map.of("id", "2"));
      assertThat(lowerKeys(pages.get(1).watermark()))
          .isEqualTo(Map.of("id", "3", "updated_at", "2024-04-01T10:00:00"));
      assertThat(field(records.get(4), "updated_at")).isEqualTo(Instant.parse("2024-05-01T10:00:00.250001Z"));
    }
  }

  @Test
  void aNullableCursorResumesFromEveryPositionWithExactlyTheRemainingRows() throws SQLException {
    maybeTable();
    List<Long> all = List.of(2L, 4L, 6L, 3L, 1L, 5L);
    List<SourceRecord> records;
    try (StreamReader reader = source.open(maybe(Cursor.START, Duration.ZERO, 4))) {
      records = records(readAll(reader, Cursor.START));
    }
    for (int i = 0; i < records.size(); i++) {
      for (int pageSize = 1; pageSize <= 4; pageSize++) {
        try (StreamReader reader = source.open(maybe(Cursor.START, Duration.ZERO, pageSize))) {
          assertThat(ids(records(readAll(reader, records.get(i).position()))))
              .as("resumed after record %d, pages of %d", i, pageSize).isEqualTo(all.subList(i + 1, all.size()));
        }
        // the same position as the stream's watermark: an incremental run continues there
        try (StreamReader reader = source.open(maybe(records.get(i).position(), Duration.ZERO, pageSize))) {
          assertThat(ids(records(readAll(reader, Cursor.START)))).isEqualTo(all.subList(i + 1, all.size()));
        }
      }
    }
  }

  @Test
  void aCursorThatMovesFromNullToAValueMidReadIsReadInTheSecondPhase() throws SQLException {
    maybeTable();
    try (StreamReader reader = source.open(maybe(Cursor.START, Duration.ZERO, 1))) {
      Page first = reader.read(Cursor.START); // id 2
      // id 6 was not read yet and id 2 was: both get a value, the time a writer would give them now
      exec("UPDATE maybe SET updated_at = '2024-06-01 00:00:00' WHERE id IN (2, 6)");
      List<SourceRecord> rest = records(readAll(reader, first.next()));
      assertThat(ids(rest)).containsExactly(4L, 3L, 1L, 5L, 2L, 6L);
      assertThat(field(rest.get(5), "updated_at")).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
    }
  }

  @Test
  void anIncrementalRunAfterTheNullPhaseReadsOnlyRowsThatGotANewerValue() throws SQLException {
    maybeTable();
    Cursor watermark;
    try (StreamReader reader = source.open(maybe(Cursor.START, Duration.ZERO, 4))) {
      List<Page> pages = readAll(reader, Cursor.START);
      watermark = pages.get(pages.size() - 1).watermark();
    }
    exec("UPDATE maybe SET updated_at = '2024-06-01 00:00:00' WHERE id = 4",
        "INSERT INTO maybe VALUES (7, '2024-06-02 00:00:00')");
    try (StreamReader reader = source.open(maybe(watermark, Duration.ZERO, 4))) {
      assertThat(ids(records(readAll(reader, Cursor.START)))).containsExactly(4L, 7L);
    }
  }

  @Test
  void aPositionSavedAtTheOldNullSentinelResumesWithoutLosingARow() throws SQLException {
    maybeTable();
    // before the two phases, NULL cursors sorted as 1970-01-01 with the primary key: {1970-01-01, 4} said 2 and 4
    // were read, and 6 and every non-NULL row were not
    Cursor legacy = Cursor.of("updated_at", "1970-01-01T00:00:00", "id", "4");
    try (StreamReader reader = source.open(maybe(Cursor.START, Duration.ZERO, 2))) {
      assertThat(ids(records(readAll(reader, legacy)))).containsExactly(6L, 3L, 1L, 5L);
    }
    try (StreamReader reader = source.open(maybe(legacy, Duration.ZERO, 2))) {
      assertThat(ids(records(readAll(reader, Cursor.START)))).containsExactly(6L, 3L, 1L, 5L);
    }
  }

  private void maybeTable() throws SQLException {
    exec("CREATE TABLE maybe (id BIGINT PRIMARY KEY, updated_at " + timestampType() + " NULL)",
        "INSERT INTO maybe VALUES (1, '2024-05-01 10:00:00.250001'), (2, NULL), (3, '2024-04-01 10:00:00'),"
            + " (4, NULL), (5, '2024-05-01 10:00:00.250001'), (6, NULL)");
  }

  private static ReadRequest maybe(Cursor watermark, Duration lookback, int pageSize) {
    return request("maybe", Map.of(), List.of("id"), List.of("updated_at"), watermark, lookback, pageSize);
  }

  @Test
  void typesRoundTripIntoCoreJavaTypes() throws SQLException {
    exec(typesTableSql().toArray(String[]::new));
    ReadRequest req = request("types", Map.of(), List.of("id"), List.of(), Cursor.START, Duration.ZERO, 10);
    try (StreamReader reader = source.open(req)) {
      SourceRecord record = records(readAll(reader, Cursor.START)).get(0);
      for (Map.Entry<String, Object> e : expectedValues().entrySet()) {
        Object actual = field(record, e.getKey());
        if (expectedTypes().get(e.getKey()) == ColumnType.JSON) {
          // a json column arrives marked as already valid, so the mapper does not parse it a second time
          assertThat(actual).as(e.getKey()).isInstanceOf(io.tributary.core.JsonText.class);
          assertJsonEquals(((io.tributary.core.JsonText) actual).json(), (String) e.getValue());
        } else {
          assertThat(actual).as(e.getKey()).isEqualTo(e.getValue());
        }
      }
    }
  }

  @Test
  void discoversColumnTypesAndPrimaryKey() throws SQLException {
    exec(typesTableSql().toArray(String[]::new));
    StreamSchema schema = source.discover("types", Map.of());
    for (Map.Entry<String, ColumnType> e : expectedTypes().entrySet()) {
      assertThat(schema.column(e.getKey())).as(e.getKey()).get().extracting(c -> c.type()).isEqualTo(e.getValue());
    }
    assertThat(schema.column("d").orElseThrow().precision()).isEqualTo(12);
    assertThat(schema.column("d").orElseThrow().scale()).isEqualTo(2);
    assertThat(schema.primaryKey()).hasSize(1).allMatch(k -> k.equalsIgnoreCase("id"));
    List<String> names = source.discover().stream().map(s -> s.name().toLowerCase()).toList();
    assertThat(names).containsExactly("items", "types");
  }

  private static void assertJsonEquals(String actual, String expected) {
    try {
      ObjectMapper json = new ObjectMapper();
      assertThat(json.readTree(actual)).isEqualTo(json.readTree(expected));
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + actual, e);
    }
  }
}
