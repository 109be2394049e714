package io.tributary.sandbox.greenhouse;

import io.tributary.sandbox.DefinitionSimulator;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;
import java.util.Map;

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

  /**
   * The simulator for {@code ./tributary sandbox} and a Greenhouse job's {@code sandbox:} block: the job reads the
   * simulator with the simulator's API key; the job's own key is set aside.
   */
  public static SimulatedPlatform<GreenhouseSandboxConfig> simulator() {
    return new DefinitionSimulator("/v1", Map.of("api_key", API_KEY)).simulator("greenhouse", platform(),
        GreenhouseSandboxConfig.class, simulator -> simulator, baseUrl -> "base_url " + baseUrl
            + "/v1, Harvest API key " + API_KEY + " (Basic auth user name, empty password)");
  }
}
