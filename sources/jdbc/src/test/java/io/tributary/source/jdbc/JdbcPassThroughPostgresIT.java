package io.tributary.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.RowEncoding;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The jdbc source reads PostgreSQL pages as binary COPY tuples when the request carries the sink's encoding: the same
 * pages, positions and resume points as typed reads, a page with a value the typed path would quarantine read as typed
 * values, and none of it when a column's type does not match or {@code pass_through: false}.
 */
@Tag("db")
class JdbcPassThroughPostgresIT {

  private static final List<String> FIELDS = List.of("id", "name", "amount", "f", "due", "updated_at");
  private static final List<String> TYPES =
      List.of("bigint", "text", "numeric(12,2)", "double precision", "date", "timestamptz");

  private String schema;
  private Source source;

  @BeforeEach
  void setUp() throws SQLException {
    schema = TestPostgres.freshSchema("jdbc_pass");
    source = new JdbcSourceProvider().create(new JdbcSourceConfig(TestPostgres.url(), TestPostgres.user(), null,
        schema, 7), new JobContext("t", Path.of("t.yml"), Path.of(".")));
    exec("CREATE TABLE items (id int PRIMARY KEY, name varchar(40), amount numeric(12,2), f float8, due date,"
        + " updated_at timestamptz)",
        // 100 rows, ties on updated_at, every 9th cursor NULL (two phases), names with quotes and non-BMP text
        "INSERT INTO items SELECT g, 'it''s \"' || g || E'\\n\\U0001F642', g * 1.25, g / 7.0, date '2024-02-29' + g,"
            + " CASE WHEN g % 9 = 0 THEN NULL ELSE timestamptz '2024-01-01 00:00:00+00' + (g % 13) * interval"
            + " '1 minute' END FROM generate_series(1, 100) g");
  }

  @Test
  void pagesAreEncodedWithTheTypedPathsPositions() {
    List<SourceRecord> typed = records(read(request(null, Map.of()), Cursor.START));
    List<SourceRecord> passed = records(read(request(encoding(TYPES), Map.of()), Cursor.START));
    assertThat(passed).hasSize(100).allMatch(r -> r.encoded() != null);
    assertThat(positions(passed)).containsExactlyElementsOf(positions(typed));
    // the NULL-cursor phase first, in key order; the position of such a row names the key alone
    assertThat(passed.get(0).position()).isEqualTo(Cursor.of("id", "9"));
  }

  @Test
  void resumingFromASavedPositionReadsTheSameRestAsTheTypedPath() {
    List<SourceRecord> typed = records(read(request(null, Map.of()), Cursor.START));
    for (int at : new int[] {3, 10, 11, 40, 99}) {
      Cursor saved = typed.get(at).position();
      List<SourceRecord> rest = records(read(request(encoding(TYPES), Map.of()), saved));
      assertThat(positions(rest)).as("after " + saved)
          .containsExactlyElementsOf(positions(typed.subList(at + 1, typed.size())));
    }
  }

  @Test
  void keysTheStreamDoesNotCopyAreStillDecodedForThePosition() {
    RowEncoding withoutCursor = new RowEncoding(RowEncoding.POSTGRESQL_BINARY, FIELDS.subList(0, 5),
        TYPES.subList(0, 5));
    List<SourceRecord> typed = records(read(request(null, Map.of()), Cursor.START));
    List<SourceRecord> passed = records(read(request(withoutCursor, Map.of()), Cursor.START));
    assertThat(passed).hasSize(100).allMatch(r -> r.encoded() != null);
    assertThat(positions(passed)).containsExactlyElementsOf(positions(typed));
  }

  @Test
  void aPageWithAValueTheTypedPathQuarantinesIsReadAsTypedValues() throws SQLException {
    exec("UPDATE items SET f = 'NaN' WHERE id = 50", "UPDATE items SET due = 'infinity' WHERE id = 60");
    List<Page> pages = read(request(encoding(TYPES), Map.of()), Cursor.START);
    List<SourceRecord> typed = records(read(request(null, Map.of()), Cursor.START));
    assertThat(positions(records(pages))).containsExactlyElementsOf(positions(typed));
    for (Page page : pages) {
      boolean odd = page.records().stream().anyMatch(r -> List.of(Cursor.of("updated_at", "2024-01-01T00:11:00Z",
          "id", "50"), Cursor.of("updated_at", "2024-01-01T00:08:00Z", "id", "60")).contains(r.position()));
      assertThat(page.records()).allMatch(r -> (r.encoded() == null) == odd);
    }
    assertThat(records(pages)).anyMatch(r -> r.encoded() == null).anyMatch(r -> r.encoded() != null);
  }

  @Test
  void aTypeTheSinkReadsDifferentlyOrTheOptionOffReadsTypedValues() {
    List<String> narrower = new ArrayList<>(TYPES);
    narrower.set(2, "numeric(5,2)");
    assertThat(records(read(request(encoding(narrower), Map.of()), Cursor.START))).allMatch(r -> r.encoded() == null);
    assertThat(records(read(request(encoding(TYPES), Map.of("pass_through", false)), Cursor.START)))
        .allMatch(r -> r.encoded() == null);
  }

  @Test
  void literalsQuoteTextWhateverTheStringSetting() {
    assertThat(JdbcPassThrough.quoted("it's a \\ back")).isEqualTo("E'it''s a \\\\ back'");
  }

  private static RowEncoding encoding(List<String> types) {
    return new RowEncoding(RowEncoding.POSTGRESQL_BINARY, FIELDS, types);
  }

  private static ReadRequest request(RowEncoding encoding, Map<String, Object> options) {
    return new ReadRequest("items", options, List.of("id"), List.of("updated_at"), Cursor.START, Duration.ZERO, 8)
        .withEncoding(encoding);
  }

  private List<Page> read(ReadRequest request, Cursor from) {
    List<Page> pages = new ArrayList<>();
    try (StreamReader reader = source.open(request)) {
      Cursor cursor = from;
      while (true) {
        Page page = reader.read(cursor);
        pages.add(page);
        if (page.done()) {
          return pages;
        }
        cursor = page.next();
      }
    }
  }

  private static List<SourceRecord> records(List<Page> pages) {
    return pages.stream().flatMap(p -> p.records().stream()).toList();
  }

  private static List<Cursor> positions(List<SourceRecord> records) {
    return records.stream().map(SourceRecord::position).toList();
  }

  private void exec(String... sql) throws SQLException {
    try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
      s.execute("SET search_path = " + schema);
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }
}
