package io.tributary.engine.partition;

import io.tributary.config.LoadedJob;
import io.tributary.engine.step.RunOptions;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.springframework.batch.core.partition.PartitionHandler;

/**
 * Spring Batch's remote partitioning over a broker, for jobs with a {@code scale:} block: the manager sends each
 * partition of a partitioned stream to a work queue, worker processes run them against the shared job repository.
 * The engine defines this; a scale-out module (tributary-scale-rabbitmq) implements it as a Spring bean, found by
 * {@link ScaleOut} when the module is on the class path. Without it, a job with {@code scale:} is a configuration
 * error. {@link ScaleOut} has already checked the job has a {@code scale:} block and the job repository can be
 * shared when either method is called.
 */
public interface RemotePartitioning {

  /**
   * Connects the manager of one run to its job's work queue (declaring it if needed). Called once per run, on the
   * run's thread, before the job is assembled; the run closes the link when it ends.
   */
  Link connect(LoadedJob job);

  /**
   * {@code ./tributary worker}: consumes the job's partition requests with {@code threads} consumers and runs each
   * with the job's partition worker steps ({@link PartitionedStreamSteps#forWorker}), until {@code stop} is counted down.
   * Called once per worker process, on the command's thread, which it blocks.
   */
  void serve(LoadedJob job, int threads, RunOptions options, PrintWriter out, CountDownLatch stop)
      throws InterruptedException;

  /** A run's link to the workers of its job, open while the run lasts. */
  interface Link extends AutoCloseable {

    /**
     * The manager step's partition handler for {@code workerStepName}: sends one request per partition and learns
     * each partition's end. Called once per partitioned stream while the job is assembled.
     */
    PartitionHandler handler(String workerStepName, int gridSize);

    /** The work queue's name, for the people starting workers. */
    String queue();

    /** Where the broker is (no credentials), for messages. */
    String where();

    @Override
    void close();
  }
}
