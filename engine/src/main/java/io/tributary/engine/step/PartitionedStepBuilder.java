package io.tributary.engine.step;

import io.tributary.config.StreamConfig;
import io.tributary.core.PartitionableSource;
import java.util.function.Supplier;
import org.springframework.batch.core.step.Step;

/**
 * Builds the step of a stream read in parts ({@code partitions:} above 1, from a source that can split it). The
 * partition package implements it, with local threads or worker processes; {@link JobAssembler} calls it once per
 * partitioned stream while it assembles a job, on the assembling thread.
 */
public interface PartitionedStepBuilder {

  /**
   * @param name the step's name, {@code stream:<stream>}
   * @param contexts a new context of the stream on every call: one for the manager step, one per partition step
   */
  Step build(String name, StreamConfig stream, PartitionableSource source, Supplier<StreamStepContext> contexts,
      int chunkSize);
}
