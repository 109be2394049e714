package io.tributary.engine.run;

import io.tributary.engine.step.StreamProgress;
import java.util.Collection;

/**
 * Watches the live counters of a run, for example to print them. {@link JobRunner} calls it once per run, on the
 * run's thread, right before the Spring Batch job starts, and closes what it returns once the job has ended.
 */
@FunctionalInterface
public interface ProgressWatcher {

  AutoCloseable watch(Collection<StreamProgress> streams);
}
