package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;

/** Entry point of the HubSpot simulator: {@code options.withPlatform(HubSpotSandbox.platform())}. */
public final class HubSpotSandbox {

  private HubSpotSandbox() {}

  /**
   * The simulator for {@code ./tributary sandbox} and a HubSpot job's {@code sandbox:} block. The job reads the
   * simulator with its private-app token; the job's own credentials are set aside.
   */
  public static SimulatedPlatform<HubSpotSandboxConfig> simulator() {
    return new SimulatedPlatform<>("hubspot", platform(), HubSpotSandboxConfig.class,
        config -> config.options(platform(), 5_000).withSetting("hubspot.custom_properties",
            String.valueOf(config.customProperties() == null ? 2 : config.customProperties())),
        (simulator, config) -> simulator
            .replacing("access_token", "client_id", "client_secret", "refresh_token", "token_url")
            .set("base_url", simulator.server().baseUrl())
            .secret("access_token", HubSpotSandboxSettings.PRIVATE_APP_TOKEN),
        baseUrl -> "base_url " + baseUrl + ", private-app token " + HubSpotSandboxSettings.PRIVATE_APP_TOKEN
            + " (or OAuth: client_id " + HubSpotSandboxSettings.CLIENT_ID + ", token URL " + baseUrl
            + "/oauth/v1/token)");
  }

  public static SandboxPlatform platform() {
    return ctx -> new HubSpotRoutes(ctx, HubSpotSandboxSettings.from(ctx.options()));
  }
}
