package io.tributary.sandbox.totango;

import io.tributary.sandbox.DefinitionSimulator;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;
import java.util.Map;

/** Entry point of the Totango simulator: {@code options.withPlatform(TotangoSandbox.platform())}. */
public final class TotangoSandbox {

  /** The API token the simulated service accepts in the {@code app-token} header. */
  public static final String APP_TOKEN = "sandbox-totango-app-token";

  private TotangoSandbox() {}

  /** The platform with settings taken from the options' {@code totango.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new TotangoRoutes(ctx, Settings.from(ctx.options()));
  }

  /** The simulator for {@code ./tributary sandbox} and a {@code type: totango} job's sandbox block. */
  public static SimulatedPlatform<DefinitionSimulator.Block> simulator() {
    return new DefinitionSimulator("", Map.of("app_token", APP_TOKEN))
        .simulator("totango", platform(), DefinitionSimulator.Block.class);
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
