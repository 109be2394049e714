package io.tributary.sandbox.netsuite;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The NetSuite simulator, for {@code ./tributary sandbox} and for a NetSuite job's {@code sandbox:} block. */
@Component
public final class NetSuiteSandboxProvider extends SimulatedPlatform<NetSuiteSandboxConfig> {

  public NetSuiteSandboxProvider() {
    super("netsuite", NetSuiteSandbox.platform(), NetSuiteSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    NetSuiteSandboxSettings s = NetSuiteSandboxSettings.defaults();
    return "base_url " + baseUrl + ", account_id " + s.account() + ", consumer key/secret " + s.consumerKey() + "/"
        + s.consumerSecret() + ", token id/secret " + s.tokenId() + "/" + s.tokenSecret() + ", timezone "
        + s.timezone() + "; tables customer, transaction, transactionline";
  }

  /** The job reads the simulator's account, in its time zone, with its token-based credentials. */
  @Override
  public JobSimulator start(NetSuiteSandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 5_000));
    NetSuiteSandboxSettings ns = NetSuiteSandboxSettings.defaults();
    return simulator.set("base_url", simulator.server().baseUrl()).set("account_id", ns.account())
        .set("timezone", ns.timezone().getId())
        .secret("consumer_key", ns.consumerKey()).secret("consumer_secret", ns.consumerSecret())
        .secret("token_id", ns.tokenId()).secret("token_secret", ns.tokenSecret());
  }
}
