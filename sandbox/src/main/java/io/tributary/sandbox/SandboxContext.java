package io.tributary.sandbox;

import java.util.List;
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
    SandboxOptions options, SandboxDataset dataset, SandboxClock clock, SandboxTokens tokens, Supplier<String> baseUrl) {

  /** Defines each object in the dataset, in order, with the rows the options give it ({@link SandboxOptions#rowsFor}). */
  public void define(List<String> objects) {
    objects.forEach(object -> dataset.define(object, options.rowsFor(object)));
  }

  /** {@link #define(List)} for a fixed set of objects. */
  public void define(String... objects) {
    define(List.of(objects));
  }
}
