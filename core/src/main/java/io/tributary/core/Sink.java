package io.tributary.core;

import java.util.function.Supplier;

/**
 * A warehouse Tributary loads into. One instance per job run, built by its {@link SinkProvider} from the job's
 * {@code sink:} block.
 */
public interface Sink extends AutoCloseable {

  /** Tests the connection and permissions; throws {@link TributaryException} with a fix hint on failure. */
  void check();

  /**
   * Begins a chunk transaction on the calling thread: {@link TableWriter#load} (and {@link TableWriter#write}) called
   * on this thread until it commits or rolls back joins it. Called by the engine once per chunk, on the step thread
   * (each part of a partitioned stream has its own).
   */
  ChunkTransaction beginChunk();

  /**
   * Runs {@code work} in one chunk transaction of this sink: commits when it returns, rolls back when it throws. For
   * callers outside the engine's steps (tests, benches); the engine drives {@link #beginChunk()} itself.
   */
  default <T> T inChunk(Supplier<T> work) {
    ChunkTransaction chunk = beginChunk();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      try {
        chunk.rollback();
      } catch (RuntimeException rollbackFailed) {
        e.addSuppressed(rollbackFailed);
      }
      throw e;
    }
    chunk.commit();
    return result;
  }

  /** {@link #inChunk(Supplier)} for work that returns nothing. */
  default void inChunk(Runnable work) {
    inChunk(() -> {
      work.run();
      return null;
    });
  }

  /** Creates or evolves the target (and staging) tables for a stream and returns its writer. */
  TableWriter open(TableSpec spec);

  /**
   * Whether this sink's writers can read a CSV file themselves ({@link TableWriter#loadCsv}); asked by the engine
   * once per stream when it builds the job.
   */
  default boolean loadsCsvFiles() {
    return false;
  }

  /**
   * Runs one SQL statement of a mart (from {@code sql/marts/*.sql}), in its own transaction. The sink creates the
   * {@code marts} schema first if it is missing.
   */
  void executeMartStatement(String statement);

  /** The schema the sink loads raw tables into, so mart SQL can name them. */
  String rawSchema();

  @Override
  default void close() {}
}
