package io.tributary.engine.step;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.Sink;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * The transaction manager a chunk step needs, over the sink's {@link ChunkTransaction}: the step's transaction begins
 * a chunk transaction of the sink on the step thread and commits or rolls it back. Whatever asks for a transaction
 * while the chunk's is open joins it; a part that fails marks the whole chunk rollback-only.
 *
 * <p>Transaction synchronization (the engine counts committed rows in {@code afterCommit}): a JDBC sink's chunk
 * transaction is a Spring JDBC one that runs the callbacks itself, before it releases its connection, so a callback may
 * still use it. For a sink whose chunk transaction does not (BigQuery's spool), this manager runs them around the
 * chunk's commit or rollback.
 */
final class SinkTransactionManager extends AbstractPlatformTransactionManager {

  private final transient Sink sink;

  SinkTransactionManager(Sink sink) {
    this.sink = sink;
    // synchronization is the sink's or this manager's own, see doBegin; never started twice
    setTransactionSynchronization(SYNCHRONIZATION_NEVER);
  }

  /** The open chunk of a thread, bound to it while the chunk transaction runs. */
  private static final class Chunk implements SmartTransactionObject {
    private ChunkTransaction transaction;
    private boolean runsSynchronization;
    private boolean rollbackOnly;
    private boolean completed;

    @Override
    public boolean isRollbackOnly() {
      return rollbackOnly;
    }

    @Override
    public void flush() {}
  }

  @Override
  protected Object doGetTransaction() {
    Chunk open = (Chunk) TransactionSynchronizationManager.getResource(this);
    return open != null ? open : new Chunk();
  }

  @Override
  protected boolean isExistingTransaction(Object transaction) {
    return ((Chunk) transaction).transaction != null;
  }

  @Override
  protected void doBegin(Object transaction, TransactionDefinition definition) {
    Chunk chunk = (Chunk) transaction;
    chunk.transaction = sink.beginChunk();
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.initSynchronization();
      chunk.runsSynchronization = true;
    }
    TransactionSynchronizationManager.bindResource(this, chunk);
  }

  @Override
  protected void doCommit(DefaultTransactionStatus status) {
    Chunk chunk = (Chunk) status.getTransaction();
    if (chunk.runsSynchronization) {
      TransactionSynchronizationUtils.triggerBeforeCommit(false);
      TransactionSynchronizationUtils.triggerBeforeCompletion();
    }
    // a failed commit committed nothing and ended the chunk: the rollback that follows has nothing left to do
    end(chunk, chunk.transaction::commit, TransactionSynchronization.STATUS_ROLLED_BACK);
    if (chunk.runsSynchronization) {
      TransactionSynchronizationUtils.triggerAfterCommit();
    }
    afterCompletion(chunk, TransactionSynchronization.STATUS_COMMITTED);
  }

  @Override
  protected void doRollback(DefaultTransactionStatus status) {
    Chunk chunk = (Chunk) status.getTransaction();
    if (chunk.completed) {
      return;
    }
    if (chunk.runsSynchronization) {
      TransactionSynchronizationUtils.triggerBeforeCompletion();
    }
    end(chunk, chunk.transaction::rollback, TransactionSynchronization.STATUS_UNKNOWN);
    afterCompletion(chunk, TransactionSynchronization.STATUS_ROLLED_BACK);
  }

  /** Commits or rolls back the sink's chunk; when that fails, completes the chunk as {@code statusIfFailed}. */
  private void end(Chunk chunk, Runnable commitOrRollback, int statusIfFailed) {
    try {
      commitOrRollback.run();
    } catch (RuntimeException | Error e) {
      afterCompletion(chunk, statusIfFailed);
      throw e;
    }
  }

  @Override
  protected void doSetRollbackOnly(DefaultTransactionStatus status) {
    ((Chunk) status.getTransaction()).rollbackOnly = true;
  }

  @Override
  protected void doCleanupAfterCompletion(Object transaction) {
    Chunk chunk = (Chunk) transaction;
    TransactionSynchronizationManager.unbindResourceIfPossible(this);
    if (chunk.runsSynchronization && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  private static void afterCompletion(Chunk chunk, int outcome) {
    chunk.completed = true;
    if (chunk.runsSynchronization) {
      TransactionSynchronizationUtils.triggerAfterCompletion(outcome);
    }
  }
}
