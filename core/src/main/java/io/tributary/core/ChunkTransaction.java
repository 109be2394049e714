package io.tributary.core;

/**
 * One chunk's transaction in a sink, begun by {@link Sink#beginChunk()}. The engine begins one per chunk on the step
 * thread, calls {@link TableWriter#load} on that thread inside it, and then either commits it or, when anything of the
 * chunk failed, rolls it back; it never begins a second one on a thread while one is open there. A JDBC warehouse's is
 * its database transaction: the chunk's rows, its quarantined records and the state row holding its position commit
 * together or not at all. A warehouse without such a transaction says what its commit makes durable instead.
 */
public interface ChunkTransaction {

  /**
   * Makes the chunk durable. When it throws, nothing of the chunk was committed and the transaction is over: a
   * {@link #rollback()} after it does nothing.
   */
  void commit();

  /** Discards what the chunk wrote. Does nothing once {@link #commit()} has been called. */
  void rollback();
}
