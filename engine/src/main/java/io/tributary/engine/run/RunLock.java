package io.tributary.engine.run;

/**
 * One run of a job at a time, held from before the job's last execution is read until the run ends. Whoever holds
 * it is the only process allowed to declare a STARTED or UNKNOWN execution of the job dead. {@link RunLocks} takes
 * the right kind for the job repository: an advisory lock in PostgreSQL (across hosts), a file lock next to an H2
 * file repository (which one process at a time can open anyway).
 */
public interface RunLock extends AutoCloseable {

  /** Who holds it (this process). */
  RunLockHolder holder();

  /**
   * Calls {@code onLost} (once, on another thread) if the lock is lost while held and cannot be taken again. A file
   * lock cannot be lost while its process lives, so by default this does nothing.
   */
  default void watch(Runnable onLost) {}

  /** Releases the lock; the holder's row is removed. Never throws: a lost session has released it already. */
  @Override
  void close();
}
