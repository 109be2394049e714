package io.tributary.mart.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL reader against the real server (database of its own): reads the marts, and the database refuses
 * writes, COPY … TO a file, raw tables, role switches and several statements.
 */
@Tag("db")
class PostgresMartWarehouseIT {

  private static final String DB = "tributary_mcp_reader_it";
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DB;

  @BeforeAll
  static void warehouse() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DB);
    }
    try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA raw");
      s.execute("CREATE TABLE raw.opportunities (id TEXT, amount DECIMAL(18,2))");
      s.execute("INSERT INTO raw.opportunities VALUES ('a', 10.50), ('b', 20.25)");
      s.execute("CREATE SCHEMA marts");
      s.execute("CREATE TABLE marts.totals AS SELECT COUNT(*) AS n, SUM(amount) AS amount FROM raw.opportunities");
    }
  }

  @Test
  void readsTheMartsAndTheDatabaseRefusesEverythingElse() {
    try (PostgresMartWarehouse w = new PostgresMartWarehouse(URL, "postgres", "")) {
      QueryResult r = w.query(MartQuery.of("SELECT n, amount FROM marts.totals"));
      assertThat(r.rows().get(0).get("n")).isEqualTo(2L);
      assertThat(r.rows().get(0).get("amount")).isEqualTo(new java.math.BigDecimal("30.75"));
      assertThat(w.marts()).containsExactly("totals");
      refused(w, "DROP TABLE marts.totals", "read-only");
      refused(w, "INSERT INTO marts.totals VALUES (1, 1)", "read-only");
      refused(w, "COPY (SELECT 1) TO '/tmp/tributary-reader-it.csv'", "");
      refused(w, "SELECT * FROM raw.opportunities", "only the tables of the marts schema");
      refused(w, "SELECT 1; DROP TABLE marts.totals", "several statements");
      refused(w, "RESET ROLE", "");
      // the role switch of the previous statement did not outlive its transaction
      refused(w, "SELECT * FROM raw.opportunities", "only the tables of the marts schema");
      assertThatThrownBy(() -> w.query(new MartQuery("SELECT 1", List.of(), 1001, MartQuery.DEFAULT_TIMEOUT)))
          .hasMessageContaining("row limit 1001 is over the maximum of 1000");
      assertThat(w.query(MartQuery.of("SELECT n FROM marts.totals")).rows()).hasSize(1);
    }
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
