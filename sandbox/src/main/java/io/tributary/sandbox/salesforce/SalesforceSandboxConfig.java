package io.tributary.sandbox.salesforce;

import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxOptions;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;

/**
 * The {@code sandbox:} block of a Salesforce job: run the Salesforce simulator in-process and read from it (demos,
 * tests, benchmarks).
 *
 * @param rows generated rows per object (Users are capped at 100 unless {@code objects} names them); default 1,000
 * @param objects row counts per object, for example {@code {Opportunity: 1000000}}
 * @param faults fault spec, for example {@code "malformed:1%"} or {@code "429:5%,500:5%,expire-token-after:60s"}
 * @param seed dataset seed; default 42
 * @param batchSize REST query batch size the simulator uses (1..2000); default 2,000
 */
public record SalesforceSandboxConfig(
    @PositiveOrZero Long rows,
    Map<String, Long> objects,
    String faults,
    Long seed,
    Integer batchSize) implements JobSimulator.Block {

  static final long DEFAULT_ROWS = 1_000;

  /** The server options: the common keys, then the batch size and the per-object row counts. */
  SandboxOptions options() {
    SandboxOptions options = options(SalesforceSandbox.platform(), DEFAULT_ROWS);
    if (batchSize != null) {
      options = options.withSetting(SalesforceSandboxSettings.PREFIX + "batch-size", batchSize.toString());
    }
    for (Map.Entry<String, Long> e : (objects == null ? Map.<String, Long>of() : objects).entrySet()) {
      options = options.withRows(e.getKey(), e.getValue());
    }
    return options;
  }
}
