package io.tributary.sandbox;

import java.util.function.Supplier;

/**
 * What a platform's routes share with the server: options, dataset, clock, issued tokens and the base URL.
 *
 * @param options the run's options
 * @param dataset the seeded rows (ground truth)
 * @param clock the server clock
 * @param tokens the access tokens issued so far
 * @param baseUrl the server's base URL (known only once it is bound, hence a supplier)
 */
public record SandboxContext(
    SandboxOptions options, SandboxDataset dataset, SandboxClock clock, SandboxTokens tokens, Supplier<String> baseUrl) {}
