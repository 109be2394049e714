package io.tributary.sandbox.oracleerp;

import io.tributary.sandbox.DefinitionSimulator;
import io.tributary.sandbox.RestSandboxConfig;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;
import java.util.Map;

/** Entry point of the Oracle ERP Cloud simulator: {@code options.withPlatform(OracleErpSandbox.platform())}. */
public final class OracleErpSandbox {

  private OracleErpSandbox() {}

  /** The platform with settings taken from the options' {@code oracleerp.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new OracleErpRoutes(ctx, OracleErpSandboxSettings.from(ctx.options()));
  }

  /**
   * The simulator for {@code ./tributary sandbox} and an oracle_erp job's {@code sandbox:} block: the job reads the
   * simulator's pod as the integration user the server's options name; the job's own pod and credentials are set
   * aside.
   */
  public static SimulatedPlatform<RestSandboxConfig> simulator() {
    return new DefinitionSimulator(OracleErpSandboxSettings.ROOT, Map.of()).simulator("oracle_erp", platform(),
        RestSandboxConfig.class, simulator -> {
          OracleErpSandboxSettings s = OracleErpSandboxSettings.from(simulator.server().options());
          return simulator.set("username", s.user()).secret("password", s.password());
        }, OracleErpSandbox::usage);
  }

  private static String usage(String baseUrl) {
    OracleErpSandboxSettings s = OracleErpSandboxSettings.defaults();
    return "base_url " + baseUrl + OracleErpSandboxSettings.ROOT + ", username/password " + s.user() + "/"
        + s.password() + " (or a JWT bearer assertion for client " + s.clientId() + " at " + baseUrl
        + OracleErpSandboxSettings.TOKEN_PATH + "); invoices, suppliers, purchaseOrders";
  }
}
