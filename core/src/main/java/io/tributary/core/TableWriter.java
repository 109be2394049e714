package io.tributary.core;

import java.util.List;
import java.util.Optional;

/**
 * Writes one stream into its target table. Created by {@link Sink#open} at step start (outside any chunk
 * transaction, where it creates or evolves tables) and used by the step thread.
 */
public interface TableWriter extends AutoCloseable {

  /**
   * The position this job instance last committed for this stream, from the sink's state table. The engine resumes
   * from it on restart: it was written in the same warehouse transaction as the rows, so it is exact even when the
   * process died between the warehouse commit and the job repository update.
   */
  Optional<Cursor> committedPosition();

  /**
   * Called once per chunk, inside the chunk transaction of {@link Sink#beginChunk()}: bulk-loads {@code rows},
   * inserts {@code quarantined} into {@link SystemTables#QUARANTINE}, and records {@code position} in the state table,
   * all in that one transaction. Must be idempotent under replay of the same rows (merge by key).
   */
  void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position);

  /**
   * {@link #write} that says what landed; the engine calls this one, once per chunk, inside the chunk transaction. A
   * sink that refuses rows itself (and quarantines them) must override it: the default reports the rows and records
   * as given.
   */
  default ChunkOutcome load(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    write(rows, quarantined, position);
    return new ChunkOutcome(rows.size(), quarantined.size());
  }

  /**
   * One row of the chunk being assembled, handed over as soon as the engine has mapped it, so that the warehouse can
   * start loading while the engine maps the rest: called on the step thread inside the chunk transaction, for the good
   * rows only, in chunk order. The same rows (the same objects, in the same order) then arrive in {@link #load}, which
   * stays the call that decides what lands: a writer may ignore offers (the default), and one that uses them must
   * load from {@code load}'s list alone whenever its rows are not exactly the rows offered, and leave nothing of the
   * offers behind when the chunk rolls back without a {@code load}.
   */
  default void offer(Row row) {}

  /**
   * Loads a whole CSV file in one chunk transaction, read by the warehouse itself: called by the engine instead of
   * {@link #load} for a file a {@link WholeFileSource} hands over, inside the chunk transaction of
   * {@link Sink#beginChunk()}, on the step thread. The rows land exactly as if each record had been mapped by the
   * engine and passed to {@link #load} in file order: values the warehouse converts itself only where its cast gives
   * the engine's value, every other record through {@code odd}; the quarantine and the file's position
   * ({@link CsvFile#after()}, asked for once the file is read: the source may still be computing it) in the same
   * transaction. Empty when the file cannot be loaded this way (a record with the wrong number of values, a sink
   * without it): nothing was written, and the engine reads the file through pages in the same transaction. It is the
   * first work of its chunk transaction, so a sink may roll that transaction back and start over in a fresh one
   * (DuckDB refuses every statement of a transaction after one failed, and has no savepoints).
   *
   * @param columns the target columns, each with the header slot its value comes from (-1: none)
   * @param odd maps one record the warehouse did not convert, given its values in header order
   */
  default Optional<ChunkOutcome> loadCsv(CsvFile file, List<CsvColumn> columns, OddRecords odd) {
    return Optional.empty();
  }

  /**
   * The encoding this writer takes rows in besides plain values ({@link Row#encoded()}), with the table's columns and
   * their types as the table really has them. Asked once by the engine when the step opens, on the step thread. Empty
   * (the default) for a writer that takes plain values only.
   */
  default Optional<RowEncoding> rowEncoding() {
    return Optional.empty();
  }

  /** A target column of {@link #loadCsv} and the header slot its text comes from (-1 when the file has none). */
  record CsvColumn(int slot, Column column) {}

  /** The engine's mapping of the records {@link #loadCsv} leaves to it; called on the step thread. */
  interface OddRecords {
    /** The row, or null when the record is quarantined: then {@code quarantine} has gained its record. */
    Row map(String[] values, List<QuarantinedRecord> quarantine);
  }

  /**
   * Called by the engine on the step thread once every chunk of the stream has committed, before {@link #finish} and
   * before the watermark moves: fails through {@link CommittedRows#require} when the table chunks load into holds
   * fewer rows than the sink's state says were committed into it. The same check runs in {@link Sink#open} before a
   * restart resumes. The default checks nothing, for a sink that keeps no such count yet.
   */
  default void verifyCommittedRows() {}

  /**
   * Whether the warehouse's state says this job instance already finished the stream: its replace copy was swapped
   * in, and the process died before the job repository completed the step. Asked once by the engine when the step
   * opens; when true it reads nothing, {@link #finish} does nothing, and the step completes (watermark, audit). The
   * default, for a sink that keeps no such record, is false.
   */
  default boolean published() {
    return false;
  }

  /** Called once when every chunk has committed: for REPLACE, swaps the new table in atomically. */
  void finish();

  @Override
  default void close() {}
}
