package io.tributary.sandbox;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * The {@code sandbox:} block of a platform read through a REST definition (sources/rest) whose simulator needs no
 * option of its own: start it in-process and read from it (demos, tests, benchmarks).
 *
 * @param rows rows per object (default: the platform's)
 * @param faults fault spec such as {@code 429:5%,500:5%} (default none)
 * @param seed dataset seed (default 42)
 */
public record RestSandboxConfig(@PositiveOrZero Long rows, String faults, Long seed) implements JobSimulator.Block {}
