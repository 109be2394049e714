package io.tributary.sink.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mart SQL is DDL, which no Databricks transaction accepts: the sink runs it in auto-commit. The double refuses
 * {@code setAutoCommit(false)}, so a mart statement wrapped in a transaction would fail here.
 */
@Tag("unit")
class DatabricksMartStatementTest {

  @TempDir
  Path spool;

  @Test
  void aMartStatementRunsWithoutATransaction() throws Exception {
    DatabricksJdbcDouble db = new DatabricksJdbcDouble(spool);
    try (DatabricksSink sink = DatabricksSinkTestSupport.sink(db, spool)) {
      sink.executeMartStatement("CREATE OR REPLACE VIEW `marts`.`answer` AS SELECT 42 AS `value`");
    }
    assertThat(db.log()).containsExactly("CREATE SCHEMA IF NOT EXISTS `marts`",
        "CREATE OR REPLACE VIEW `marts`.`answer` AS SELECT 42 AS `value`");
    try (Connection c = db.h2();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"value\" FROM \"marts\".\"answer\"")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(42);
    }
  }
}
