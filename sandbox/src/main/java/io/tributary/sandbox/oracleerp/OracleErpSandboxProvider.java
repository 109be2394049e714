package io.tributary.sandbox.oracleerp;

import io.tributary.core.JobContext;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.RestSandboxConfig;
import io.tributary.sandbox.SimulatedPlatform;
import org.springframework.stereotype.Component;

/** The Oracle ERP Cloud simulator, for {@code ./tributary sandbox} and for an oracle_erp job's {@code sandbox:} block. */
@Component
public final class OracleErpSandboxProvider extends SimulatedPlatform<RestSandboxConfig> {

  public OracleErpSandboxProvider() {
    super("oracle_erp", OracleErpSandbox.platform(), RestSandboxConfig.class);
  }

  @Override
  public String usage(String baseUrl) {
    OracleErpSandboxSettings s = OracleErpSandboxSettings.defaults();
    return "base_url " + baseUrl + OracleErpSandboxSettings.ROOT + ", username/password " + s.user() + "/"
        + s.password() + " (or a JWT bearer assertion for client " + s.clientId() + " at " + baseUrl
        + OracleErpSandboxSettings.TOKEN_PATH + "); invoices, suppliers, purchaseOrders";
  }

  /** The job reads the simulator's pod with its integration user; the job's own pod and credentials are set aside. */
  @Override
  public JobSimulator start(RestSandboxConfig config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 2_000));
    OracleErpSandboxSettings s = OracleErpSandboxSettings.from(simulator.server().options());
    return simulator.set("base_url", simulator.server().baseUrl() + OracleErpSandboxSettings.ROOT)
        .set("username", s.user()).secret("password", s.password());
  }
}
