package io.tributary.scale.rabbitmq;

import io.tributary.config.LoadedJob;
import io.tributary.engine.PlatformRegistry;
import io.tributary.engine.partition.RemotePartitioning;
import io.tributary.engine.step.RunOptions;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's remote partitioning over RabbitMQ: the manager's partition requests go to the job's durable work
 * queue ({@link RabbitPartitionQueue}), {@code ./tributary worker} processes consume them ({@link PartitionWorker}).
 * A Spring bean, so the engine finds it when this module is on the class path.
 */
@Component
public class RabbitPartitioning implements RemotePartitioning {

  private final JobRepository jobRepository;
  private final PlatformRegistry platforms;
  private final BeanFactory beans;

  /** {@code beans}: Spring Integration endpoints need the bean factory even when they are not beans themselves. */
  public RabbitPartitioning(JobRepository jobRepository, PlatformRegistry platforms, BeanFactory beans) {
    this.jobRepository = jobRepository;
    this.platforms = platforms;
    this.beans = beans;
  }

  @Override
  public Link connect(LoadedJob job) {
    return RabbitPartitionQueue.connect(job.config().scale(), job.name(), jobRepository, beans);
  }

  @Override
  public void serve(LoadedJob job, int threads, RunOptions options, PrintWriter out, CountDownLatch stop)
      throws InterruptedException {
    new PartitionWorker(jobRepository, platforms, beans).serve(job, threads, options, out, stop);
  }
}
