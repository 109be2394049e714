package io.tributary.sandbox;

import jakarta.validation.constraints.Positive;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * How the simulator of a platform read through a declarative REST definition (sources/rest) points a job at itself:
 * {@code base_url} is the simulator's address plus the API's root path, and each credential key of the definition is
 * a {@code ${file:...}} reference to the simulator's fixed test value; every other key of the source block is kept. A
 * platform whose block sets more than its root and secrets (a company name, a user name read from the server's
 * options) adds them with {@link #simulator(String, SandboxPlatform, Class, UnaryOperator, UnaryOperator)}.
 *
 * @param rootPath the path of the API root under the simulator's address ({@code ""} or {@code /public/v1})
 * @param credentials the definition's credential keys and the simulator's values for them, in order
 */
public record DefinitionSimulator(String rootPath, Map<String, String> credentials) {

  /**
   * The {@code sandbox:} block.
   *
   * @param rows rows per object (default 2,000)
   * @param faults fault spec such as {@code 429:5%,500:5%} (default none)
   * @param seed dataset seed (default 42)
   */
  public record Block(@Positive Long rows, String faults, Long seed) implements JobSimulator.Block {}

  public DefinitionSimulator {
    credentials = new LinkedHashMap<>(credentials);
  }

  /** The platform's simulator, pointing the job at its root with its credentials only. */
  public <C extends JobSimulator.Block> SimulatedPlatform<C> simulator(String type, SandboxPlatform platform,
      Class<C> configType) {
    return simulator(type, platform, configType, UnaryOperator.identity(), this::usage);
  }

  /**
   * @param type the definition's name (its source type)
   * @param more sets the source block's keys beyond {@code base_url} and the credentials
   * @param usage the line {@code ./tributary sandbox} prints, from the server's base URL
   */
  public <C extends JobSimulator.Block> SimulatedPlatform<C> simulator(String type, SandboxPlatform platform,
      Class<C> configType, UnaryOperator<JobSimulator> more, UnaryOperator<String> usage) {
    return new SimulatedPlatform<>(type, platform, configType, 2_000,
        (simulator, config) -> more.apply(point(simulator)), usage);
  }

  /** {@code base_url <root>, <key> <value>, ...}: the keys a job sets by hand to read the running simulator. */
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + rootPath + ", " + credentials.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private JobSimulator point(JobSimulator simulator) {
    simulator.set("base_url", simulator.server().baseUrl() + rootPath);
    credentials.forEach(simulator::secret);
    return simulator;
  }
}
