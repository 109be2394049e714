package io.tributary.sandbox.dynamics;

import io.tributary.sandbox.JobSimulator;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;

/** Entry point of the Dataverse simulator: {@code options.withPlatform(DynamicsSandbox.platform())}. */
public final class DynamicsSandbox {

  private DynamicsSandbox() {}

  /** The simulator for {@code ./tributary sandbox} and a Dynamics 365 job's {@code sandbox:} block. */
  public static SimulatedPlatform<DynamicsSandboxConfig> simulator() {
    return new SimulatedPlatform<>("dynamics365", platform(), DynamicsSandboxConfig.class, 5_000,
        DynamicsSandbox::point,
        baseUrl -> "org_url " + baseUrl + ", authority_url " + baseUrl + ", tenant_id "
            + DynamicsSandboxSettings.TENANT_ID + ", client_id " + DynamicsSandboxSettings.CLIENT_ID
            + ", client secret " + DynamicsSandboxSettings.CLIENT_SECRET + "; tables account, contact, opportunity");
  }

  public static SandboxPlatform platform() {
    return ctx -> new DynamicsRoutes(ctx, DynamicsSandboxSettings.from(ctx.options()));
  }

  /** The simulator is both the environment and its Entra ID authority; the job signs in with its app registration. */
  private static JobSimulator point(JobSimulator simulator, DynamicsSandboxConfig config) {
    String base = simulator.server().baseUrl();
    return simulator.set("org_url", base).set("authority_url", base)
        .set("tenant_id", DynamicsSandboxSettings.TENANT_ID).set("client_id", DynamicsSandboxSettings.CLIENT_ID)
        .secret("client_secret", DynamicsSandboxSettings.CLIENT_SECRET);
  }
}
