package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.JobSimulator;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The {@code sandbox:} block of a HubSpot job: start the HubSpot simulator in-process and read from it (demos,
 * benchmarks).
 *
 * @param rows rows per object, default 5000 (owners: at most 50)
 * @param faults fault spec such as {@code 429:5%,500:2%}, default none
 * @param seed dataset seed, default 42
 * @param customProperties custom properties per object, default 2
 */
public record HubSpotSandboxConfig(@PositiveOrZero Long rows, String faults, Long seed,
    @PositiveOrZero Integer customProperties) implements JobSimulator.Block {}
