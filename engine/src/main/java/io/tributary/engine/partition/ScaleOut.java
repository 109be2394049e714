package io.tributary.engine.partition;

import io.tributary.config.LoadedJob;
import io.tributary.core.TributaryException;
import io.tributary.engine.step.RunOptions;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The engine's side of a job's {@code scale:} block: checks what remote partitioning needs (a scale-out module on the
 * class path, a job repository other machines can share) before handing the job to the {@link RemotePartitioning}
 * the module provides.
 */
@Component
public class ScaleOut {

  private final ObjectProvider<RemotePartitioning> modules;
  private final DataSource repository;

  public ScaleOut(ObjectProvider<RemotePartitioning> modules, DataSource repository) {
    this.modules = modules;
    this.repository = repository;
  }

  /** Refuses (CONFIG) a job with {@code scale:} when this distribution has no scale-out module; connects nothing. */
  public void check(LoadedJob job) {
    if (job.config().scale() != null) {
      module(job);
    }
  }

  /**
   * The link to the workers of a run of {@code job}; null when the partitions run on local threads (no {@code scale:}
   * block, or no stream with {@code partitions:} above 1).
   */
  public RemotePartitioning.Link connect(LoadedJob job) {
    if (job.config().scale() == null) {
      return null;
    }
    RemotePartitioning module = module(job);
    if (job.config().streams().stream().noneMatch(s -> s.partitionsOrDefault() > 1)) {
      return null;
    }
    requireSharedRepository("job '" + job.name() + "' has scale: and");
    return module.connect(job);
  }

  /** {@code ./tributary worker}: see {@link RemotePartitioning#serve}. */
  public void serve(LoadedJob job, int threads, RunOptions options, PrintWriter out, CountDownLatch stop)
      throws InterruptedException {
    if (job.config().scale() == null) {
      throw job.binder().error("scale", "missing: the worker takes its partitions from the broker named there",
          "add 'scale: { broker: { host: ... } }' to the job (docs/scaling.md), or run the job with './tributary run'"
              + " alone to use local threads");
    }
    RemotePartitioning module = module(job);
    requireSharedRepository("the worker");
    module.serve(job, threads, options, out, stop);
  }

  private RemotePartitioning module(LoadedJob job) {
    RemotePartitioning module = modules.getIfAvailable();
    if (module == null) {
      throw TributaryException.config("the scale: block of job '" + job.name() + "' needs the scale-out module"
          + " tributary-scale-rabbitmq (remote partitioning over RabbitMQ), which this distribution of Tributary does"
          + " not have",
          "use the default distribution, or build yours with the scale-out module (docs/scaling.md); or remove scale:"
              + " from the job to run its partitions on local threads");
    }
    return module;
  }

  /**
   * Refuses a job repository that other machines cannot share: the manager and its workers meet only there (the
   * workers read their partition's StepExecution, the manager polls for their ends).
   */
  private void requireSharedRepository(String role) {
    String url;
    try (Connection c = repository.getConnection()) {
      url = c.getMetaData().getURL();
    } catch (SQLException e) {
      throw new TributaryException(TributaryException.Kind.TRANSIENT, "cannot open the job repository: "
          + e.getMessage(), "check TRIBUTARY_REPOSITORY_URL", e);
    }
    if (url != null && url.startsWith("jdbc:h2:")) {
      throw TributaryException.config(role + " needs a job repository shared by the manager and every worker, but"
          + " it is the H2 file " + url.replaceFirst(";.*", "") + ", local to this machine",
          "keep the job repository in PostgreSQL: set TRIBUTARY_REPOSITORY_URL=jdbc:postgresql://host:5432/db (with"
              + " TRIBUTARY_REPOSITORY_USER and TRIBUTARY_REPOSITORY_PASSWORD) for './tributary run' and for every"
              + " './tributary worker' (docs/scaling.md)");
    }
  }
}
