package io.tributary.sandbox.netsuite;

import io.tributary.sandbox.JobSimulator;
import jakarta.validation.constraints.Positive;

/**
 * The {@code sandbox:} block of a NetSuite job: start the NetSuite simulator in-process and read from it (demos,
 * benchmarks).
 *
 * @param rows rows per table (default 5,000)
 * @param faults fault spec such as {@code 429:5%,500:5%} (default none)
 * @param seed dataset seed (default 42)
 */
public record NetSuiteSandboxConfig(@Positive Long rows, String faults, Long seed) implements JobSimulator.Block {}
