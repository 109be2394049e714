package io.tributary.sandbox;

import java.util.List;
import java.util.stream.Stream;

/**
 * The skeleton every platform's routes share: the server context they answer from and the path prefixes they serve.
 * A platform's routes extend it and keep only their endpoints.
 */
public abstract class PlatformRoutes implements SandboxRoutes {

  /** Options, dataset, clock and issued tokens of the server these routes belong to. */
  protected final SandboxContext context;
  private final List<String> prefixes;

  /**
   * @param prefix the platform's API path prefix, like {@code /services/}
   * @param more further prefixes served outside it (a token endpoint, a second API root)
   */
  protected PlatformRoutes(SandboxContext context, String prefix, String... more) {
    this.context = context;
    this.prefixes = Stream.concat(Stream.of(prefix), Stream.of(more)).toList();
  }

  @Override
  public final String prefix() {
    return prefixes.get(0);
  }

  @Override
  public final List<String> prefixes() {
    return prefixes;
  }
}
