package io.tributary.sandbox.workday;

import io.tributary.sandbox.JobSimulator;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The {@code sandbox:} block of a Workday job: start the RaaS simulator in-process and read from it.
 *
 * @param rows workers in the {@code Workers_Changed} report, default 2000
 * @param faults fault spec such as {@code 429:5%,500:2%}, default none
 * @param seed dataset seed, default 42
 */
public record WorkdaySandboxConfig(@PositiveOrZero Long rows, String faults, Long seed)
    implements JobSimulator.Block {}
