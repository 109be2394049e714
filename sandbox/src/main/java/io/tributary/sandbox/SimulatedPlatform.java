package io.tributary.sandbox;

import io.tributary.core.JobContext;
import io.tributary.core.SourceSandbox;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One platform's simulator, as {@code ./tributary sandbox} serves it and as a job's {@code sandbox:} block starts it.
 * It is a value, not a subclass: each platform's entry class describes its own, and {@link SandboxSimulators}
 * registers every one as a Spring bean.
 *
 * @param type the {@code source.type} it stands in for, also its {@code --platform} name
 * @param platform the platform's routes
 * @param configType the platform's {@code sandbox:} block record
 * @param options the server options a block asks for (rows, faults, seed and the platform's own settings)
 * @param pointing the keys of the job's source block a started simulator decides (URLs, credentials, a time zone)
 * @param usageLine the server's base URL to the line {@code ./tributary sandbox} prints for this platform
 * @param <C> the platform's {@code sandbox:} block record
 */
public record SimulatedPlatform<C extends JobSimulator.Block>(String type, SandboxPlatform platform,
    Class<C> configType, Function<C, SandboxOptions> options, Pointing<C> pointing, UnaryOperator<String> usageLine)
    implements SandboxPlatformProvider, SourceSandbox<C> {

  /** Says which keys of the job's source block a started simulator decides. */
  @FunctionalInterface
  public interface Pointing<C> {

    JobSimulator point(JobSimulator simulator, C config);
  }

  /** A simulator whose block asks for nothing beyond rows (default {@code defaultRows}), faults and seed. */
  public SimulatedPlatform(String type, SandboxPlatform platform, Class<C> configType, long defaultRows,
      Pointing<C> pointing, UnaryOperator<String> usageLine) {
    this(type, platform, configType, config -> config.options(platform, defaultRows), pointing, usageLine);
  }

  @Override
  public String name() {
    return type;
  }

  @Override
  public String usage(String baseUrl) {
    return usageLine.apply(baseUrl);
  }

  /** Starts the simulator the block asks for and says which keys of the job's source block it decides. */
  @Override
  public JobSimulator start(C config, JobContext context) {
    JobSimulator simulator = JobSimulator.start(options.apply(config));
    try {
      return pointing.point(simulator, config);
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
  }
}
