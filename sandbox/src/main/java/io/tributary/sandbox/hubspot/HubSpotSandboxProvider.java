package io.tributary.sandbox.hubspot;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The HubSpot simulator, for {@code ./tributary sandbox} and for a HubSpot job's {@code sandbox:} block. */
@Component
public final class HubSpotSandboxProvider extends SimulatedPlatform<HubSpotSandboxConfig> {

  public HubSpotSandboxProvider() {
    super("hubspot", HubSpotSandbox.platform(), HubSpotSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + ", private-app token " + HubSpotSandboxSettings.PRIVATE_APP_TOKEN
        + " (or OAuth: client_id " + HubSpotSandboxSettings.CLIENT_ID + ", token URL " + baseUrl + "/oauth/v1/token)";
  }

  /** The job reads the simulator with its private-app token; the job's own credentials are set aside. */
  @Override
  public JobSimulator start(HubSpotSandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 5_000).withSetting(
        "hubspot.custom_properties", String.valueOf(config.customProperties() == null ? 2 : config.customProperties())));
    return simulator.replacing("access_token", "client_id", "client_secret", "refresh_token", "token_url")
        .set("base_url", simulator.server().baseUrl())
        .secret("access_token", HubSpotSandboxSettings.PRIVATE_APP_TOKEN);
  }
}
