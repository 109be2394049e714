package io.tributary.core;

/**
 * Builds a {@link Source} of one platform from its typed config. Implementations are Spring components in the
 * platform's package under {@code source/}; the engine finds them by {@link #type()}, so adding a platform touches
 * nothing in the engine.
 *
 * @param <C> the platform's config record, bound from the job's {@code source:} block and validated with Jakarta
 *     Validation before {@link #create} is called
 */
public interface SourceProvider<C> {

  /** The {@code source.type} value this provider answers, for example {@code jdbc}. */
  String type();

  Class<C> configType();

  Source create(C config, JobContext context);
}
