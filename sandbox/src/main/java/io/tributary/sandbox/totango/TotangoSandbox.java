package io.tributary.sandbox.totango;

import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;

/** Entry point of the Totango simulator: {@code options.withPlatform(TotangoSandbox.platform())}. */
public final class TotangoSandbox {

  /** The API token the simulated service accepts in the {@code app-token} header. */
  public static final String APP_TOKEN = "sandbox-totango-app-token";

  private TotangoSandbox() {}

  /** The platform with settings taken from the options' {@code totango.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new TotangoRoutes(ctx, Settings.from(ctx.options()));
  }

  /**
   * Settings from {@code --set totango.<key>=value}.
   *
   * @param appToken the accepted {@code app-token} ({@code totango.app_token})
   * @param requestsPerMinute calls a token may make a minute ({@code totango.requests_per_minute}, default the
   *     documented 100; 0 for no limit)
   */
  public record Settings(String appToken, int requestsPerMinute) {

    static Settings from(SandboxOptions o) {
      return new Settings(o.setting("totango.app_token", APP_TOKEN),
          o.setting("totango.requests_per_minute", 100, 0, 1_000_000));
    }
  }
}
