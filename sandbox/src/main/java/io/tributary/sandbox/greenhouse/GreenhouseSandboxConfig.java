package io.tributary.sandbox.greenhouse;

import io.tributary.sandbox.JobSimulator;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The {@code sandbox:} block of a Greenhouse job: start the Harvest simulator in-process and read from it.
 *
 * @param rows rows per object, default 2000
 * @param faults fault spec such as {@code 429:5%,500:5%}, default none
 * @param seed dataset seed, default 42
 */
public record GreenhouseSandboxConfig(@PositiveOrZero Long rows, String faults, Long seed)
    implements JobSimulator.Block {}
