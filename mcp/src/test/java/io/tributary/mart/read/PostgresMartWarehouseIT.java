package io.tributary.mart.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sink.postgres.PostgresReaderViews;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL reader against the real server (database of its own), after the mart build's publication
 * ({@link PostgresReaderViews}): reads the marts; the database refuses writes, COPY … TO a file, raw tables, role
 * switches and several statements; and the masked reader role cannot read a PII column in clear by any query shape,
 * while the clear role (the explicit option) can.
 */
@Tag("db")
class PostgresMartWarehouseIT {

  private static final String DB = "tributary_mcp_reader_it";
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DB;
  /** The clear PII values, as inserted into raw and carried into the mart. */
  private static final List<String> CLEAR = List.of("ada@example.com", "grace@example.com");

  @BeforeAll
  static void warehouse() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DB);
    }
    try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA raw");
      s.execute("CREATE TABLE raw.opportunities (id TEXT, amount DECIMAL(18,2), owner_email TEXT)");
      s.execute("INSERT INTO raw.opportunities VALUES ('a', 10.50, '" + CLEAR.get(0) + "'), ('b', 20.25, '"
          + CLEAR.get(1) + "'), ('c', 1.00, NULL)");
      s.execute("CREATE SCHEMA marts");
      s.execute("CREATE TABLE marts.totals AS SELECT COUNT(*) AS n, SUM(amount) AS amount FROM raw.opportunities");
      s.execute("CREATE TABLE marts.owners AS SELECT id, owner_email, amount FROM raw.opportunities");
      PostgresReaderViews.publish(c, Map.of("owners", Set.of("owner_email")), null);
    }
  }

  @Test
  void readsTheMartsAndTheDatabaseRefusesEverythingElse() {
    try (PostgresMartWarehouse w = new PostgresMartWarehouse(URL, null, false)) {
      QueryResult r = w.query(MartQuery.of("SELECT n, amount FROM marts.totals"));
      assertThat(r.rows().get(0).get("n")).isEqualTo(3L);
      assertThat(r.rows().get(0).get("amount")).isEqualTo(new java.math.BigDecimal("31.75"));
      assertThat(w.marts()).containsExactly("owners", "totals");
      refused(w, "DROP TABLE marts.totals", "read-only");
      refused(w, "INSERT INTO marts.totals VALUES (1, 1)", "read-only");
      refused(w, "COPY (SELECT 1) TO '/tmp/tributary-reader-it.csv'", "");
      refused(w, "SELECT * FROM raw.opportunities", "only the tables of the marts schema");
      refused(w, "SELECT 1; DROP TABLE marts.totals", "several statements");
      refused(w, "RESET ROLE", "");
      refused(w, "SELECT * FROM raw.opportunities", "only the tables of the marts schema");
      assertThatThrownBy(() -> w.query(new MartQuery("SELECT 1", List.of(), 1001, MartQuery.DEFAULT_TIMEOUT)))
          .hasMessageContaining("row limit 1001 is over the maximum of 1000");
      assertThat(w.query(MartQuery.of("SELECT n FROM marts.totals")).rows()).hasSize(1);
    }
  }

  @Test
  void theMaskedRoleCannotReadAPiiColumnInClearWhateverTheQuery() {
    try (PostgresMartWarehouse w = new PostgresMartWarehouse(URL, null, false)) {
      for (String sql : List.of(
          "SELECT owner_email AS o FROM marts.owners",
          "SELECT lower(owner_email) AS o FROM marts.owners",
          "SELECT o FROM (SELECT owner_email AS o FROM marts.owners) s",
          "WITH x AS (SELECT owner_email FROM marts.owners) SELECT owner_email || '' AS o FROM x",
          "SELECT owner_email AS o FROM marts.owners UNION ALL SELECT 'z' WHERE false",
          "SELECT CAST(owner_email AS VARCHAR(200)) AS o FROM marts.owners",
          "SELECT string_agg(owner_email, ',') AS o FROM marts.owners",
          "SELECT o.owner_email AS o FROM marts.owners o JOIN marts.totals t ON true",
          "SELECT \"owner_email\" AS o FROM \"marts\".\"owners\"")) {
        assertMasked(w.query(MartQuery.of(sql)), sql);
      }
      // naming the view itself gives the same masked values; the table under it and raw are refused by the server
      assertMasked(w.query(MartQuery.of("SELECT owner_email AS o FROM marts_reader.owners")), "the view by name");
      assertThat(w.query(MartQuery.of("SELECT count(*) AS n FROM marts.owners WHERE owner_email LIKE 'ada%'"))
          .rows().get(0).get("n")).as("a filter on the clear value matches nothing").isEqualTo(0L);
      refused(w, "SELECT owner_email FROM raw.opportunities", "only the tables of the marts schema");
      refused(w, "SELECT query_to_xml('SELECT owner_email FROM marts.owners', true, false, '') AS o",
          "only the tables of the marts schema");
      // a role switch inside the statement: the login role is a member of nothing, so there is nothing to switch to
      refused(w, "SELECT set_config('role', 'postgres', true) AS r, query_to_xml('SELECT owner_email FROM"
          + " raw.opportunities', true, false, '') AS o", "");
      refused(w, "SELECT set_config('role', '" + PostgresReaderViews.CLEAR_ROLE + "', true) AS r", "");
    }
  }

  @Test
  void theClearRoleReadsPiiInClear() {
    try (PostgresMartWarehouse w = new PostgresMartWarehouse(URL, null, true)) {
      QueryResult r = w.query(MartQuery.of("SELECT owner_email AS o FROM marts.owners ORDER BY id"));
      assertThat(r.rows()).extracting(row -> row.get("o")).containsExactly(CLEAR.get(0), CLEAR.get(1), null);
      refused(w, "SELECT * FROM raw.opportunities", "only the tables of the marts schema");
    }
  }

  private static void assertMasked(QueryResult r, String sql) {
    assertThat(r.rows()).as(sql).isNotEmpty();
    for (Map<String, Object> row : r.rows()) {
      Object v = row.get("o");
      if (v != null) {
        for (String clear : CLEAR) {
          assertThat(v.toString().toLowerCase()).as(sql).doesNotContain(clear).doesNotContain("ada");
        }
        assertThat(v.toString()).as(sql).matches("(\\*\\*\\*)(,\\*\\*\\*)*");
      }
    }
    assertThat(r.rows().stream().filter(row -> row.get("o") != null).count()).as(sql).isPositive();
  }

  private static void refused(PostgresMartWarehouse w, String sql, String reason) {
    try {
      w.query(MartQuery.of(sql));
      if (!sql.startsWith("RESET")) {
        throw new AssertionError("not refused: " + sql);
      }
    } catch (QueryRefused e) {
      assertThat(e.getMessage()).as(sql).contains(reason);
    }
  }
}
