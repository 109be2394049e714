package io.tributary.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small fault matrix in the suite (bench/fault-matrix runs every source and class): Salesforce REST through the
 * CLI with 429 bursts, resets mid-body, token expiry and everything together, Dynamics 365 and SAP with malformed
 * pages and everything together; each table equals the fault-free run's (records corrupted by a malformed fault are
 * quarantined, every other row identical).
 */
@Tag("sandbox")
class FaultMatrixIT {

  @TempDir
  Path dir;

  @Test
  void faultyRunsEndWithTheFaultFreeTable() throws Exception {
    FaultMatrix matrix = new FaultMatrix(dir, 2000, 3);
    SandboxJob job = SandboxJobs.named("salesforce-rest");
    for (String faultClass : new String[] {"429 bursts", "reset mid-body", "token expiry", "all together"}) {
      FaultMatrix.Row row = matrix.run(job, faultClass, FaultMatrix.CLASSES.get(faultClass));
      assertThat(row.faultsInjected()).as(faultClass + ": a cell without an injected fault proves nothing")
          .isPositive();
      assertThat(row.clean()).as(faultClass + ": " + row.outcome()).isTrue();
      assertThat(row.rows() + row.quarantined()).as(faultClass + ": loaded + quarantined = source rows")
          .isEqualTo(2000);
    }
  }

  /**
   * Dataverse (change-tracked accounts) and SAP OData v2 (sales orders by LastChangeDateTime) with every class
   * together and with malformed pages (garbled values and bodies cut off mid-JSON), 1,000 rows each.
   */
  @Test
  void dynamicsAndSapEndWithTheFaultFreeTable() throws Exception {
    FaultMatrix matrix = new FaultMatrix(dir.resolve("odata"), 1000, 3);
    for (String source : new String[] {"dynamics", "sap"}) {
      for (String faultClass : new String[] {"malformed / truncated", "all together"}) {
        FaultMatrix.Row row = matrix.run(SandboxJobs.named(source), faultClass, FaultMatrix.CLASSES.get(faultClass));
        String cell = source + " / " + faultClass + ": " + row.outcome();
        assertThat(row.faultsInjected()).as(cell + ": a cell without an injected fault proves nothing").isPositive();
        assertThat(row.clean()).as(cell).isTrue();
        assertThat(row.rows() + row.quarantined()).as(cell + ": loaded + quarantined = source rows").isEqualTo(1000);
      }
    }
  }
}
