package io.tributary.sandbox.ga4;

import io.tributary.sandbox.JobSimulator;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The {@code sandbox:} block of a GA4 job: start the Data API simulator in-process and read from it.
 *
 * @param rows rows of the property's {@code date x country x deviceCategory} table (24 per day, so rows / 24 days of
 *     history ending today), default 2160 (90 days)
 * @param faults fault spec such as {@code 429:5%,500:2%}, default none
 * @param seed dataset seed, default 42
 */
public record Ga4SandboxConfig(@PositiveOrZero Long rows, String faults, Long seed) implements JobSimulator.Block {}
