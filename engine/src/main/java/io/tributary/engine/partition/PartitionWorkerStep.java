package io.tributary.engine.partition;

import io.tributary.engine.step.JobAssembler;
import io.tributary.engine.step.SourceItemReader;
import io.tributary.engine.step.StreamStepContext;
import java.util.function.Supplier;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * The worker step of a partitioned stream: runs one partition's StepExecution with the stream's ordinary chunk step
 * (source reader, mapping, sink writer), built afresh for each partition because its reader and writer hold the
 * partition's state. Called concurrently by Spring Batch's TaskExecutorPartitionHandler (local threads), or by
 * {@code StepExecutionRequestHandler} in a {@code ./tributary worker} process.
 */
record PartitionWorkerStep(String name, JobRepository jobRepository, Supplier<StreamStepContext> contexts,
    int chunkSize) implements Step {

  @Override
  public String getName() {
    return name;
  }

  @Override
  public void execute(StepExecution stepExecution) throws JobInterruptedException {
    StreamStepContext context = contexts.get();
    SourceItemReader reader = new SourceItemReader(context);
    Step step = JobAssembler.chunkStep(stepExecution.getStepName(), jobRepository, context, reader, chunkSize,
        new PartitionStepListener(context, reader, chunkSize), false);
    step.execute(stepExecution);
  }
}
