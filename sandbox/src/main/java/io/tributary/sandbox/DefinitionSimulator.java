package io.tributary.sandbox;

import io.tributary.core.JobContext;
import jakarta.validation.constraints.Positive;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The simulator of a platform read through a declarative REST definition (sources/rest): a job's {@code sandbox:}
 * block starts it and points the source block at it, setting {@code base_url} (the simulator's address plus the
 * API's root path) and each credential key of the definition as a {@code ${file:...}} reference to the simulator's
 * fixed test value. A platform's provider is one constructor call; every other key of the source block is kept. A
 * platform whose block sets more than its root and secrets (a company name, a user name read from the server's
 * options) adds them in {@link #point}.
 *
 * @param <C> the {@code sandbox:} block's type: {@link Block}, or a platform's own record
 */
public abstract class DefinitionSimulator<C extends JobSimulator.Block> extends SimulatedPlatform<C> {

  /**
   * The {@code sandbox:} block.
   *
   * @param rows rows per object (default 2,000)
   * @param faults fault spec such as {@code 429:5%,500:5%} (default none)
   * @param seed dataset seed (default 42)
   */
  public record Block(@Positive Long rows, String faults, Long seed) implements JobSimulator.Block {}

  private final String rootPath;
  private final Map<String, String> credentials;

  /**
   * @param type the definition's name (its source type)
   * @param configType the {@code sandbox:} block's record
   * @param rootPath the path of the API root under the simulator's address ({@code ""} or {@code /public/v1})
   * @param credentials the definition's credential keys and the simulator's values for them, in order
   */
  protected DefinitionSimulator(String type, SandboxPlatform platform, Class<C> configType, String rootPath,
      Map<String, String> credentials) {
    super(type, platform, configType);
    this.rootPath = rootPath;
    this.credentials = new LinkedHashMap<>(credentials);
  }

  @Override
  public String usage(String baseUrl) {
    return "base_url " + baseUrl + rootPath + ", " + credentials.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  @Override
  public JobSimulator start(C config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(config.options(platform(), 2_000));
    simulator.set("base_url", simulator.server().baseUrl() + rootPath);
    credentials.forEach(simulator::secret);
    return point(simulator);
  }

  /** Sets the source block's keys beyond {@code base_url} and the credentials; by default none. */
  protected JobSimulator point(JobSimulator simulator) {
    return simulator;
  }
}
