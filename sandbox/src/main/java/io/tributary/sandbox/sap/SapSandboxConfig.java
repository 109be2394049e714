package io.tributary.sandbox.sap;

import io.tributary.sandbox.JobSimulator;
import jakarta.validation.constraints.Positive;

/**
 * The {@code sandbox:} block of an SAP job: start the SAP OData simulator in-process and read from it (demos,
 * benchmarks).
 *
 * @param rows rows per entity set (default 5,000)
 * @param faults fault spec such as {@code 429:5%,500:5%} (default none)
 * @param seed dataset seed (default 42)
 * @param auth {@code basic} (default) or {@code oauth}
 */
public record SapSandboxConfig(@Positive Long rows, String faults, Long seed, String auth)
    implements JobSimulator.Block {

  boolean oauth() {
    return "oauth".equalsIgnoreCase(auth);
  }
}
