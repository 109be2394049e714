package io.tributary.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.Sink;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/** The chunk step's transaction manager over a sink's chunk transaction: begin, join, commit, roll back, callbacks. */
@Tag("unit")
class SinkTransactionManagerTest {

  /** A sink that records what happens to its chunk transactions. */
  private static final class RecordingSink implements Sink {
    final List<String> events = new ArrayList<>();
    /** Whether its chunk transaction runs Spring's synchronization itself, as a JDBC sink's does. */
    final boolean runsSynchronization;
    RuntimeException commitFailure;

    RecordingSink(boolean runsSynchronization) {
      this.runsSynchronization = runsSynchronization;
    }

    @Override
    public ChunkTransaction beginChunk() {
      events.add("begin");
      if (runsSynchronization) {
        TransactionSynchronizationManager.initSynchronization();
      }
      return new ChunkTransaction() {
        @Override
        public void commit() {
          if (commitFailure != null) {
            events.add("commit failed");
            end(TransactionSynchronization.STATUS_ROLLED_BACK);
            throw commitFailure;
          }
          if (runsSynchronization) {
            TransactionSynchronizationUtils.triggerAfterCommit();
          }
          events.add("commit");
          end(TransactionSynchronization.STATUS_COMMITTED);
        }

        @Override
        public void rollback() {
          events.add("rollback");
          end(TransactionSynchronization.STATUS_ROLLED_BACK);
        }
      };
    }

    private void end(int status) {
      if (runsSynchronization) {
        TransactionSynchronizationUtils.triggerAfterCompletion(status);
        TransactionSynchronizationManager.clearSynchronization();
      }
    }

    @Override
    public void check() {}

    @Override
    public TableWriter open(TableSpec spec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void executeMartStatement(String statement) {}

    @Override
    public String rawSchema() {
      return "raw";
    }
  }

  private static void onCompletion(List<String> events) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        events.add("afterCommit");
      }

      @Override
      public void afterCompletion(int status) {
        events.add("afterCompletion " + (status == STATUS_COMMITTED ? "committed" : "rolled back"));
      }
    });
  }

  @Test
  void aChunkCommitsOnceAndWhatJoinsItDoesNotBeginAnother() {
    RecordingSink sink = new RecordingSink(false);
    TransactionTemplate chunk = new TransactionTemplate(new SinkTransactionManager(sink));

    chunk.executeWithoutResult(outer -> {
      onCompletion(sink.events);
      chunk.executeWithoutResult(inner -> sink.events.add("joined " + inner.isNewTransaction()));
    });

    assertThat(sink.events).containsExactly("begin", "joined false", "commit", "afterCommit",
        "afterCompletion committed");
    assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
    assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
  }

  @Test
  void aFailedChunkRollsBackAndItsCallbacksSeeTheRollback() {
    RecordingSink sink = new RecordingSink(false);
    TransactionTemplate chunk = new TransactionTemplate(new SinkTransactionManager(sink));

    assertThatThrownBy(() -> chunk.executeWithoutResult(status -> {
      onCompletion(sink.events);
      throw new IllegalStateException("the writer failed");
    })).hasMessage("the writer failed");

    assertThat(sink.events).containsExactly("begin", "rollback", "afterCompletion rolled back");
  }

  @Test
  void aJoinedPartThatFailsRollsTheWholeChunkBack() {
    RecordingSink sink = new RecordingSink(false);
    TransactionTemplate chunk = new TransactionTemplate(new SinkTransactionManager(sink));

    assertThatThrownBy(() -> chunk.executeWithoutResult(outer -> {
      try {
        chunk.executeWithoutResult(inner -> {
          throw new IllegalStateException("a part failed");
        });
      } catch (IllegalStateException swallowed) {
        sink.events.add("part failed");
      }
    })).isInstanceOf(UnexpectedRollbackException.class);

    assertThat(sink.events).containsExactly("begin", "part failed", "rollback");
  }

  @Test
  void aFailedCommitEndsTheChunkWithoutASecondRollback() {
    RecordingSink sink = new RecordingSink(false);
    sink.commitFailure = new IllegalStateException("the warehouse refused the commit");
    TransactionTemplate chunk = new TransactionTemplate(new SinkTransactionManager(sink));

    assertThatThrownBy(() -> chunk.executeWithoutResult(status -> onCompletion(sink.events)))
        .hasMessage("the warehouse refused the commit");

    assertThat(sink.events).containsExactly("begin", "commit failed", "afterCompletion rolled back");
    assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
  }

  @Test
  void aSinkThatRunsSynchronizationItselfRunsEachCallbackOnce() {
    RecordingSink sink = new RecordingSink(true);
    TransactionTemplate chunk = new TransactionTemplate(new SinkTransactionManager(sink));

    chunk.executeWithoutResult(status -> onCompletion(sink.events));

    assertThat(sink.events).containsExactly("begin", "afterCommit", "commit", "afterCompletion committed");
    assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
  }
}
