package io.tributary.sandbox.salesforce;

import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the Salesforce simulator: {@code options.withPlatform(SalesforceSandbox.platform())}. */
public final class SalesforceSandbox {

  private SalesforceSandbox() {}

  /** The platform with settings taken from the options' {@code salesforce.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new SalesforceRoutes(ctx, SalesforceSandboxSettings.from(ctx.options()));
  }

  /** The platform with explicit settings (for tests that need a public key, say). */
  public static SandboxPlatform platform(SalesforceSandboxSettings settings) {
    return ctx -> new SalesforceRoutes(ctx, settings);
  }
}
