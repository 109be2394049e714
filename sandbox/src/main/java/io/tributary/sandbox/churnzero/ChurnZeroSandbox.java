package io.tributary.sandbox.churnzero;

import io.tributary.sandbox.DefinitionSimulator;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SimulatedPlatform;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of the ChurnZero simulator: {@code options.withPlatform(ChurnZeroSandbox.platform())}. */
public final class ChurnZeroSandbox {

  /** The user name the simulated instance accepts (a ChurnZero user's login). */
  public static final String USERNAME = "sandbox@tributary.example";
  /** That user's API key (the Basic auth password). */
  public static final String API_KEY = "sandbox-churnzero-api-key";

  private ChurnZeroSandbox() {}

  /** The platform with settings taken from the options' {@code churnzero.*} settings. */
  public static SandboxPlatform platform() {
    return ctx -> new ChurnZeroRoutes(ctx, Settings.from(ctx.options()));
  }

  /** The simulator for {@code ./tributary sandbox} and a {@code type: churnzero} job's sandbox block. */
  public static SimulatedPlatform<DefinitionSimulator.Block> simulator() {
    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put("username", USERNAME);
    credentials.put("api_key", API_KEY);
    return new DefinitionSimulator(ChurnZeroRoutes.PATH.replaceAll("/$", ""), credentials)
        .simulator("churnzero", platform(), DefinitionSimulator.Block.class);
  }

  /**
   * Settings from {@code --set churnzero.<key>=value}.
   *
   * @param username the accepted user name ({@code churnzero.username})
   * @param apiKey the accepted API key ({@code churnzero.api_key})
   * @param requestsPerMinute a per-minute limit answered with 429 ({@code churnzero.requests_per_minute}, default 0:
   *     ChurnZero publishes no number)
   */
  public record Settings(String username, String apiKey, int requestsPerMinute) {

    static Settings from(SandboxOptions o) {
      return new Settings(o.setting("churnzero.username", USERNAME), o.setting("churnzero.api_key", API_KEY),
          o.setting("churnzero.requests_per_minute", 0, 0, 1_000_000));
    }
  }
}
