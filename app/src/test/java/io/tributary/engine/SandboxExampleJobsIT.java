package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example jobs whose source has a {@code sandbox:} block (HubSpot, SAP, NetSuite, Marketo; the demo and Dynamics have
 * their own ITs) run as shipped, faults included, with 300 rows instead of 5,000: the simulator starts inside the run,
 * the real connector reads it, and every object table holds the rows the block asks for.
 */
@Tag("sandbox")
class SandboxExampleJobsIT {

  private static final long ROWS = 300;

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      hubspot_example  | hubspot_demo.duckdb       | hubspot.contacts hubspot.companies hubspot.deals         | hubspot.deals_to_companies hubspot.deals_to_contacts
      sap_example      | tributary_sap.duckdb      | sap.a_sales_order sap.a_sales_order_item sap.a_business_partner |
      netsuite_example | tributary_netsuite.duckdb | netsuite.customers netsuite.transaction_lines            | netsuite.transactions
      marketo_example  | marketo_demo.duckdb       | marketo.leads                                            | marketo.activities
      """)
  void theExampleJobReadsTheSimulatorItStarts(String name, String database, String fullTables, String otherTables)
      throws Exception {
    String shipped = Files.readString(Path.of("jobs", name + ".yml"));
    assertThat(shipped).containsOnlyOnce("rows: 5000").containsOnlyOnce("path: warehouse/" + database);
    Path db = dir.resolve(database);
    Path job = Files.writeString(dir.resolve(name + ".yml"), shipped.replace("rows: 5000", "rows: " + ROWS)
        .replace("path: warehouse/" + database, "path: " + db.toAbsolutePath()));

    CliRunner.Result run = new CliRunner(dir.resolve("state")).run("run", job.toString());
    assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
    assertThat(run.output()).contains("Job " + name + ": COMPLETED");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
      for (String table : fullTables.split(" ")) {
        assertThat(count(c, table)).as(table).isEqualTo(ROWS);
      }
      for (String table : otherTables == null ? new String[0] : otherTables.split(" ")) {
        assertThat(count(c, table)).as(table).isPositive();
      }
      if (name.startsWith("hubspot")) {
        assertThat(count(c, "hubspot.owners")).as("a portal has 50 owners at most").isEqualTo(50);
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
