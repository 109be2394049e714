package io.tributary.sandbox;

import io.tributary.core.JobContext;
import io.tributary.core.SourceSandbox;

/**
 * One platform's simulator, as {@code ./tributary sandbox} serves it and as a job's {@code sandbox:} block starts it.
 * A subclass per platform is a Spring component; it says how to use the running simulator by hand ({@link #usage})
 * and which keys of a job's source block it decides ({@link #start}).
 *
 * @param <C> the platform's {@code sandbox:} block record
 */
public abstract class SimulatedPlatform<C extends JobSimulator.Block> implements SandboxPlatformProvider,
    SourceSandbox<C> {

  private final String type;
  private final SandboxPlatform platform;
  private final Class<C> configType;

  /**
   * @param type the {@code source.type} it stands in for, also its {@code --platform} name
   */
  protected SimulatedPlatform(String type, SandboxPlatform platform, Class<C> configType) {
    this.type = type;
    this.platform = platform;
    this.configType = configType;
  }

  @Override
  public final String name() {
    return type;
  }

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final SandboxPlatform platform() {
    return platform;
  }

  @Override
  public final Class<C> configType() {
    return configType;
  }

  /** Starts the simulator the block asks for and says which keys of the job's source block it decides. */
  @Override
  public abstract JobSimulator start(C config, JobContext context);
}
