package io.tributary.core;

/**
 * Builds a {@link Sink} for one warehouse from its typed config. Implementations are Spring components in the
 * warehouse's package under {@code sink/}; the engine finds them by {@link #type()}.
 *
 * @param <C> the warehouse's config record, bound from the job's {@code sink:} block
 */
public interface SinkProvider<C> {

  String type();

  Class<C> configType();

  Sink create(C config, JobContext context);
}
