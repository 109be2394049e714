package io.tributary.sandbox.bamboohr;

import io.tributary.sandbox.DefinitionSimulator;
import io.tributary.sandbox.RestSandboxConfig;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;
import java.util.Map;

/** Entry point of the BambooHR simulator: {@code options.withPlatform(BambooHrSandbox.platform())}. */
public final class BambooHrSandbox {

  private static final DefinitionSimulator JOB = new DefinitionSimulator("/api/gateway.php",
      Map.of("api_key", BambooHrSandboxSettings.API_KEY));

  private BambooHrSandbox() {}

  /** The platform with settings taken from the options' {@code bamboohr.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new BambooHrRoutes(ctx, BambooHrSandboxSettings.from(ctx.options()));
  }

  /**
   * The simulator for {@code ./tributary sandbox} and a bamboohr job's {@code sandbox:} block: the job reads the
   * simulator's company with its API key; the job's own gateway, company and key are set aside.
   */
  public static SimulatedPlatform<RestSandboxConfig> simulator() {
    return JOB.simulator("bamboohr", platform(), RestSandboxConfig.class,
        simulator -> simulator.set("company_domain", BambooHrSandboxSettings.COMPANY_DOMAIN),
        baseUrl -> JOB.usage(baseUrl) + ", company_domain " + BambooHrSandboxSettings.COMPANY_DOMAIN
            + "; employees/changed, employees/directory, reports/custom, time_off/requests");
  }
}
