package io.tributary.sandbox.marketo;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The Marketo simulator, for {@code ./tributary sandbox} and for a Marketo job's {@code sandbox:} block. */
@Component
public final class MarketoSandboxProvider extends SimulatedPlatform<MarketoSandboxConfig> {

  public MarketoSandboxProvider() {
    super("marketo", MarketoSandbox.platform(), MarketoSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + ", identity_url " + baseUrl + "/identity, client_id "
        + MarketoSandboxSettings.CLIENT_ID + ", client_secret " + MarketoSandboxSettings.CLIENT_SECRET;
  }

  /**
   * The job reads the simulator with its client credentials (the job's own are set aside) and polls export status
   * every 100 ms, since the simulator's exports complete after a few polls rather than minutes.
   */
  @Override
  public JobSimulator start(MarketoSandboxConfig config, JobContext context) {
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
    JobSimulator simulator = JobSimulator.start(options);
    String base = simulator.server().baseUrl();
    return simulator.replacing("client_id", "client_secret", "identity_url")
        .set("base_url", base)
        .set("identity_url", base + "/identity")
        .set("client_id", MarketoSandboxSettings.CLIENT_ID)
        .set("poll_interval", "100ms")
        .secret("client_secret", MarketoSandboxSettings.CLIENT_SECRET);
  }
}
