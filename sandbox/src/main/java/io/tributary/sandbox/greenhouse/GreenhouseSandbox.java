package io.tributary.sandbox.greenhouse;

import io.tributary.sandbox.SandboxPlatform;

/**
 * Entry point of the Greenhouse Harvest simulator: {@code options.withPlatform(GreenhouseSandbox.platform())}. Written
 * from the Harvest v1 reference (github.com/grnhse/greenhouse-api-docs, source/includes/harvest/) and the recorded
 * examples in ../shared/fixtures/greenhouse, never from a connector definition.
 */
public final class GreenhouseSandbox {

  /** The Harvest API key the simulator accepts (as the Basic user name, with an empty password). */
  public static final String API_KEY = "sandbox-harvest-key";

  private GreenhouseSandbox() {}

  public static SandboxPlatform platform() {
    return ctx -> new GreenhouseRoutes(ctx, Boolean.parseBoolean(ctx.options().setting("greenhouse.enforce_limits",
        "true")));
  }
}
