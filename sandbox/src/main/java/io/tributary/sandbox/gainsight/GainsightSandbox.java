package io.tributary.sandbox.gainsight;

import io.tributary.sandbox.DefinitionSimulator;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;
import java.util.Map;

/** Entry point of the Gainsight CS simulator: {@code options.withPlatform(GainsightSandbox.platform())}. */
public final class GainsightSandbox {

  /** The access key the simulated tenant accepts (Gainsight access keys do not expire). */
  public static final String ACCESS_KEY = "sandbox-gainsight-access-key";

  private GainsightSandbox() {}

  /** The platform with settings taken from the options' {@code gainsight.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new GainsightRoutes(ctx, Settings.from(ctx.options()));
  }

  /** The simulator for {@code ./tributary sandbox} and a {@code type: gainsight} job's sandbox block. */
  public static SimulatedPlatform<DefinitionSimulator.Block> simulator() {
    return new DefinitionSimulator("", Map.of("access_key", ACCESS_KEY))
        .simulator("gainsight", platform(), DefinitionSimulator.Block.class);
  }

  /**
   * Settings from {@code --set gainsight.<key>=value}.
   *
   * @param accessKey the accepted {@code accesskey} ({@code gainsight.access_key})
   * @param requestsPerMinute the fixed-window limit ({@code gainsight.requests_per_minute}, default the documented 100;
   *     0 turns the per-minute and per-day limits off)
   * @param emptyIsFailure whether a read that finds nothing answers the documented "No data found" failure
   *     ({@code gainsight.empty_result=failure}, the default) or an empty {@code data} ({@code empty})
   */
  public record Settings(String accessKey, int requestsPerMinute, boolean emptyIsFailure) {

    static Settings from(SandboxOptions o) {
      return new Settings(o.setting("gainsight.access_key", ACCESS_KEY),
          o.setting("gainsight.requests_per_minute", 100, 0, 1_000_000),
          !"empty".equalsIgnoreCase(o.setting("gainsight.empty_result", "failure")));
    }
  }
}
