package io.tributary.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A run that takes a job over marks the executions the lock's previous holder left running FAILED, while that
 * process may still be alive and write the same rows: its own stop (the job execution STOPPING) or a chunk's commit
 * (the step execution's counts), each bumping the row's version. CI once saw the takeover fail on exactly this
 * ("Attempt to update job execution id=1 with wrong version (1), where current version is 2", RunLockLossIT), so the
 * job that should have resumed exited 1.
 *
 * <p>The cases are generated: for each shape of what the dead run left, and for each write the marking makes, the
 * other process commits a write to the same row just before it (at the SQL level, between Spring Batch's version
 * check and its update). Whatever is preempted, the instance must end restartable: no execution and no step left
 * STARTED, STOPPING or UNKNOWN, each read back from the tables.
 */
@Tag("db")
class DeadRunsIT {

  /** What the dead run left: per execution, its status, then its steps' statuses. */
  private record Shape(String name, List<List<BatchStatus>> executions) {

    int writes() {
      int n = 0;
      for (List<BatchStatus> e : executions) {
        for (BatchStatus s : e) {
          n += DeadRuns.dead(s) ? 1 : 0;
        }
      }
      return n;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private enum OtherWrite { STOP_OR_COMMIT, END_STOPPED }

  private static final List<Shape> SHAPES = List.of(
      new Shape("started job, started step", List.of(List.of(BatchStatus.STARTED, BatchStatus.STARTED))),
      new Shape("started job, a completed step and a started one",
          List.of(List.of(BatchStatus.STARTED, BatchStatus.COMPLETED, BatchStatus.STARTED))),
      new Shape("stopped job, its step still stopping",
          List.of(List.of(BatchStatus.STOPPED, BatchStatus.STOPPING))),
      new Shape("a failed run, then an unknown one with two steps started",
          List.of(List.of(BatchStatus.FAILED, BatchStatus.FAILED),
              List.of(BatchStatus.UNKNOWN, BatchStatus.STARTED, BatchStatus.STARTED))));

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Shape shape : SHAPES) {
      for (int k = 1; k <= shape.writes(); k++) {
        for (OtherWrite other : OtherWrite.values()) {
          cases.add(Arguments.of(shape, k, other));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: the other process writes the same row before write {1} ({2})")
  @MethodSource("cases")
  void aDeadRunIsMarkedFailedWhileItsProcessStillWritesTheSameRows(Shape shape, int preempted, OtherWrite other)
      throws Exception {
    Repository r = new Repository();
    JobInstance instance = r.leave(shape);
    r.rows.preempt(preempted, other);

    new DeadRuns(r.repository).markFailed(instance);

    assertThat(r.rows.preemptions).as("the other process's write happened").isEqualTo(1);
    assertThat(r.statuses("job_execution")).as("job executions").noneMatch(DeadRunsIT::running);
    assertThat(r.statuses("step_execution")).as("step executions").noneMatch(DeadRunsIT::running);
  }

  @Test
  void aProcessThatNeverStopsWritingFailsTheTakeoverInsteadOfLoopingForever() throws Exception {
    Repository r = new Repository();
    JobInstance instance = r.leave(SHAPES.get(0));
    r.rows.preempt(0, OtherWrite.STOP_OR_COMMIT);

    assertThatThrownBy(() -> new DeadRuns(r.repository).markFailed(instance))
        .isInstanceOf(OptimisticLockingFailureException.class);
    assertThat(r.rows.preemptions).isEqualTo(DeadRuns.ATTEMPTS);
  }

  private static boolean running(String status) {
    return DeadRuns.dead(BatchStatus.valueOf(status));
  }

  /** A real JDBC job repository on a fresh PostgreSQL schema, whose execution-row updates the test can preempt. */
  private static final class Repository {

    final String schema = TestPostgres.freshSchema("deadruns");
    final PreemptedRows rows;
    final JobRepository repository;

    Repository() throws Exception {
      PGSimpleDataSource ds = TestPostgres.dataSource(schema);
      new RepositorySchema(ds);
      rows = new PreemptedRows(ds);
      JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
      factory.setDataSource(ds);
      factory.setJdbcOperations(rows);
      factory.setTransactionManager(new DataSourceTransactionManager(ds));
      factory.afterPropertiesSet();
      repository = factory.getObject();
    }

    JobInstance leave(Shape shape) {
      JobParameters params = new JobParametersBuilder().addLong("run.id", 1L).toJobParameters();
      JobInstance instance = repository.createJobInstance("job", params);
      for (List<BatchStatus> statuses : shape.executions()) {
        JobExecution execution = repository.createJobExecution(instance, params, new ExecutionContext());
        for (int i = 1; i < statuses.size(); i++) {
          StepExecution step = repository.createStepExecution("step" + i, execution);
          step.setStatus(statuses.get(i));
          repository.update(step);
        }
        execution.setStatus(statuses.get(0));
        repository.update(execution);
      }
      return instance;
    }

    List<String> statuses(String table) throws java.sql.SQLException {
      return TestPostgres.strings("SELECT status FROM " + schema + ".batch_" + table);
    }
  }

  /**
   * Spring Batch's JDBC operations, with the other process's committed write to the same row slipped in just before
   * the preempted update of a job or step execution ({@code 0}: before every one).
   */
  private static final class PreemptedRows extends JdbcTemplate {

    private int preempted = -1;
    private OtherWrite other;
    private int updates;
    int preemptions;

    PreemptedRows(PGSimpleDataSource ds) {
      super(ds);
    }

    void preempt(int nth, OtherWrite write) {
      preempted = nth;
      other = write;
    }

    @Override
    public int update(String sql, Object[] args, int[] argTypes) {
      boolean job = sql.contains("JOB_EXECUTION\n") && sql.contains("SET START_TIME");
      boolean step = sql.contains("STEP_EXECUTION\n") && sql.contains("SET START_TIME");
      if (preempted >= 0 && (job || step) && (preempted == 0 || ++updates == preempted)) {
        preemptions++;
        Object id = args[args.length - 2];
        String table = job ? "BATCH_JOB_EXECUTION" : "BATCH_STEP_EXECUTION";
        String key = job ? "JOB_EXECUTION_ID" : "STEP_EXECUTION_ID";
        String set = switch (other) {
          case STOP_OR_COMMIT -> job ? "STATUS = 'STOPPING'" : "COMMIT_COUNT = COMMIT_COUNT + 1";
          case END_STOPPED -> "STATUS = 'STOPPED'";
        };
        super.update("UPDATE " + table + " SET " + set + ", VERSION = VERSION + 1 WHERE " + key + " = ?", id);
      }
      return super.update(sql, args, argTypes);
    }
  }
}
