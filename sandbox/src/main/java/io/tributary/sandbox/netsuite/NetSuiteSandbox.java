package io.tributary.sandbox.netsuite;

import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;

/** Entry point of the NetSuite simulator: {@code options.withPlatform(NetSuiteSandbox.platform())}. */
public final class NetSuiteSandbox {

  private NetSuiteSandbox() {}

  /** The simulator for {@code ./tributary sandbox} and a NetSuite job's {@code sandbox:} block. */
  public static SimulatedPlatform<NetSuiteSandboxConfig> simulator() {
    NetSuiteSandboxSettings s = NetSuiteSandboxSettings.defaults();
    return new SimulatedPlatform<>("netsuite", platform(), NetSuiteSandboxConfig.class, 5_000,
        (simulator, config) -> point(simulator, s),
        baseUrl -> "base_url " + baseUrl + ", account_id " + s.account() + ", consumer key/secret " + s.consumerKey()
            + "/" + s.consumerSecret() + ", token id/secret " + s.tokenId() + "/" + s.tokenSecret() + ", timezone "
            + s.timezone() + "; tables customer, transaction, transactionline");
  }

  /** The platform with settings taken from the options' {@code netsuite.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new NetSuiteRoutes(ctx, NetSuiteSandboxSettings.from(ctx.options()));
  }

  /** The job reads the simulator's account, in its time zone, with its token-based credentials. */
  private static JobSimulator point(JobSimulator simulator, NetSuiteSandboxSettings ns) {
    return simulator.set("base_url", simulator.server().baseUrl()).set("account_id", ns.account())
        .set("timezone", ns.timezone().getId())
        .secret("consumer_key", ns.consumerKey()).secret("consumer_secret", ns.consumerSecret())
        .secret("token_id", ns.tokenId()).secret("token_secret", ns.tokenSecret());
  }
}
