package io.tributary.sandbox.oracleerp;

import io.tributary.sandbox.DefinitionSimulator;
import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.RestSandboxConfig;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The Oracle ERP Cloud simulator, for {@code ./tributary sandbox} and for an oracle_erp job's {@code sandbox:} block:
 * the job reads the simulator's pod with its integration user; the job's own pod and credentials are set aside.
 */
@Component
public final class OracleErpSandboxProvider extends DefinitionSimulator<RestSandboxConfig> {

  public OracleErpSandboxProvider() {
    super("oracle_erp", OracleErpSandbox.platform(), RestSandboxConfig.class, OracleErpSandboxSettings.ROOT, Map.of());
  }

  @Override
  public String usage(String baseUrl) {
    OracleErpSandboxSettings s = OracleErpSandboxSettings.defaults();
    return "base_url " + baseUrl + OracleErpSandboxSettings.ROOT + ", username/password " + s.user() + "/"
        + s.password() + " (or a JWT bearer assertion for client " + s.clientId() + " at " + baseUrl
        + OracleErpSandboxSettings.TOKEN_PATH + "); invoices, suppliers, purchaseOrders";
  }

  /** The integration user is the one the server's options name. */
  @Override
  protected JobSimulator point(JobSimulator simulator) {
    OracleErpSandboxSettings s = OracleErpSandboxSettings.from(simulator.server().options());
    return simulator.set("username", s.user()).secret("password", s.password());
  }
}
