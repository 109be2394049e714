package io.tributary.cli;

import io.tributary.engine.run.RunLock;
import io.tributary.engine.run.RunLockHolder;
import io.tributary.engine.run.RunLocks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Test class path only: with {@code --lose-run-lock job-start} ({@link InjectedFailureOptions}) the run loses its run
 * lock at the worst moment for the engine, after it checked the lock one last time and before its job execution
 * exists: as the run calls {@link JobOperator#start}, the lock is released (as a cut lock session releases it) and the
 * run is told, as its lock check tells it when another process took the lock meanwhile. The run must then not end
 * COMPLETED. Production code has no such branch: this bean exists only where the tests are.
 */
@Component
final class RunLockLossInjector implements BeanPostProcessor {

  static final String JOB_START = "job-start";

  private final boolean atJobStart;
  private volatile RunLock lock;
  private volatile Runnable onLost;

  RunLockLossInjector(Environment environment) {
    this.atJobStart = JOB_START.equals(environment.getProperty(InjectedFailureOptions.LOSE_RUN_LOCK));
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!atJobStart) {
      return bean;
    }
    if (bean instanceof RunLocks locks) {
      return new WatchedRunLocks(locks);
    }
    if (bean instanceof JobOperator operator) {
      return Proxy.newProxyInstance(getClass().getClassLoader(), ClassUtils.getAllInterfaces(operator),
          (proxy, method, args) -> {
            if (method.getName().equals("start")) {
              loseLock();
            }
            try {
              return method.invoke(operator, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
    return bean;
  }

  private void loseLock() {
    RunLock held = lock;
    Runnable lost = onLost;
    if (held != null && lost != null) {
      held.close();
      lost.run();
    }
  }

  /** The production run locks, remembering the lock taken and whom its loss is told to. */
  private final class WatchedRunLocks extends RunLocks {
    private final RunLocks real;

    WatchedRunLocks(RunLocks real) {
      super(null, null, ".tributary", java.time.Duration.ofSeconds(10));
      this.real = real;
    }

    @Override
    public RunLock acquire(String job) {
      RunLock taken = real.acquire(job);
      lock = taken;
      return new RunLock() {
        @Override
        public RunLockHolder holder() {
          return taken.holder();
        }

        @Override
        public void watch(Runnable lost) {
          onLost = lost;
          taken.watch(lost);
        }

        @Override
        public void close() {
          taken.close();
        }
      };
    }

    @Override
    public RunLockHolder runningHolder(String job) {
      return real.runningHolder(job);
    }
  }
}
