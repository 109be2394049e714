package io.tributary.sandbox.marketo;

import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;

/** Entry point of the Marketo simulator: {@code options.withPlatform(MarketoSandbox.platform())}. */
public final class MarketoSandbox {

  private MarketoSandbox() {}

  public static SandboxPlatform platform() {
    return ctx -> new MarketoRoutes(ctx, MarketoSandboxSettings.from(ctx.options()));
  }

  /**
   * The simulator for {@code ./tributary sandbox} and a Marketo job's {@code sandbox:} block. The job reads the
   * simulator with its client credentials (the job's own are set aside) and polls export status every 100 ms, since
   * the simulator's exports complete after a few polls rather than minutes.
   */
  public static SimulatedPlatform<MarketoSandboxConfig> simulator() {
    return new SimulatedPlatform<>("marketo", platform(), MarketoSandboxConfig.class, MarketoSandbox::options,
        (simulator, config) -> {
          String base = simulator.server().baseUrl();
          return simulator.replacing("client_id", "client_secret", "identity_url").set("base_url", base)
              .set("identity_url", base + "/identity").set("client_id", MarketoSandboxSettings.CLIENT_ID)
              .set("poll_interval", "100ms").secret("client_secret", MarketoSandboxSettings.CLIENT_SECRET);
        },
        baseUrl -> "base_url " + baseUrl + ", identity_url " + baseUrl + "/identity, client_id "
            + MarketoSandboxSettings.CLIENT_ID + ", client_secret " + MarketoSandboxSettings.CLIENT_SECRET);
  }

  private static SandboxOptions options(MarketoSandboxConfig config) {
    long leads = config.rows() == null ? 5_000 : config.rows();
    SandboxOptions options = config.options(platform(), leads)
        .withRows(MarketoRecords.ACTIVITIES, config.activities() == null ? 2 * leads : config.activities());
    long quota = config.dailyQuotaBytes() != null ? config.dailyQuotaBytes()
        : config.dailyQuotaMb() != null ? config.dailyQuotaMb() * 1024 * 1024
        : MarketoSandboxSettings.DEFAULT_QUOTA_BYTES;
    options = options.withSetting("marketo.daily_quota_bytes", Long.toString(quota));
    if (config.interruptDownloadAfterBytes() != null) {
      options = options.withSetting("marketo.interrupt_after_bytes", config.interruptDownloadAfterBytes().toString());
    }
    if (config.pollsToComplete() != null) {
      options = options.withSetting("marketo.polls_to_complete", config.pollsToComplete().toString());
    }
    return options;
  }
}
