package io.tributary.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash matrix in the suite: 5 trials, one per scenario (JDBC→PostgreSQL, JDBC→DuckDB, Salesforce REST→DuckDB,
 * a Dataverse delta-link run killed after a full load, SAP sales orders by LastChangeDateTime); bench/chaos runs 20
 * per scenario and every scenario. Each trial SIGKILLs a real {@code tributary run} JVM
 * at a seeded random moment, changes the source, reruns (in-process here, to keep the suite fast) until exit 0, and
 * compares the warehouse with the source row by row: nothing missing, duplicated, stale or extra.
 */
@Tag("db")
@Tag("process")
@Tag("sandbox")
class CrashMatrixIT {

  @TempDir
  Path dir;

  @Test
  void killedRunsResumeToExactlyTheSourceRows() throws Exception {
    CrashMatrix matrix = new CrashMatrix(dir, 7, CrashMatrix.inProcess(), 1500);
    int kills = 0;
    for (ChaosScenario scenario : ChaosScenarios.select(List.of("jdbc-postgres", "jdbc-duckdb",
        "salesforce-rest-duckdb", "dynamics-delta-duckdb", "sap-duckdb"), 2000)) {
      try (scenario) {
        CrashMatrix.Row row = matrix.run(scenario, 1);
        assertThat(row.examples()).as(scenario.name()).isEmpty();
        assertThat(row.clean()).isTrue();
        kills += row.kills();
      }
    }
    assertThat(kills).as("trials killed mid-run (a run that finished first proves less)").isGreaterThanOrEqualTo(3);
  }
}
