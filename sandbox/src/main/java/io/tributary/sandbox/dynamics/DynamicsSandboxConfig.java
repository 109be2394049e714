package io.tributary.sandbox.dynamics;

import io.tributary.sandbox.JobSimulator;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The {@code sandbox:} block of a Dynamics 365 job: start the Dataverse simulator in-process and read from it (demos,
 * benchmarks).
 *
 * @param rows rows per table (account, contact), default 5000
 * @param faults fault spec such as {@code 429:5%,500:2%}, default none
 * @param seed dataset seed, default 42
 */
public record DynamicsSandboxConfig(@PositiveOrZero Long rows, String faults, Long seed)
    implements JobSimulator.Block {}
