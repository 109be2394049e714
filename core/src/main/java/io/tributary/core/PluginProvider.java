package io.tributary.core;

import java.util.function.BiFunction;

/**
 * The common part of a {@link SourceProvider} or {@link SinkProvider}: the {@code type} it answers, its config record
 * and how it builds the connector. A platform's provider extends this and implements its SPI, so it says only what is
 * its own (a constructor call, and the connector's wiring where it is more than a constructor).
 *
 * @param <C> the platform's config record
 * @param <T> what it builds: {@link Source} or {@link Sink}
 */
public abstract class PluginProvider<C, T> {

  private final String type;
  private final Class<C> configType;
  private final BiFunction<C, JobContext, T> factory;

  /**
   * @param type the {@code source.type} or {@code sink.type} value
   * @param factory builds the connector from the validated config (called once per run, on the CLI thread)
   */
  protected PluginProvider(String type, Class<C> configType, BiFunction<C, JobContext, T> factory) {
    this.type = type;
    this.configType = configType;
    this.factory = factory;
  }

  public final String type() {
    return type;
  }

  public final Class<C> configType() {
    return configType;
  }

  public final T create(C config, JobContext context) {
    return factory.apply(config, context);
  }
}
