package io.tributary.core;

/**
 * What a sink needs to write one stream.
 *
 * @param stream the stream name (state and quarantine rows are keyed by it)
 * @param table target table name, validated as a plain identifier, unqualified (the sink adds its schema)
 * @param schema the output columns after mapping, and the primary key (output column names); metadata columns are
 *     not included, the sink adds them
 * @param mode append, merge or replace
 * @param run the run identity
 * @param fullRefresh the run reads the whole stream again (--full-refresh) and opens it as a whole (not a partition):
 *     on its first open the sink accepts the table's current rows as the baseline of the committed-rows check
 *     ({@link CommittedRows}) instead of checking them
 */
public record TableSpec(String stream, String table, StreamSchema schema, WriteMode mode, RunInfo run,
    boolean fullRefresh) {

  /** An incremental run's spec (or one part of a partitioned stream). */
  public TableSpec(String stream, String table, StreamSchema schema, WriteMode mode, RunInfo run) {
    this(stream, table, schema, mode, run, false);
  }

  /**
   * Refuses to open this stream when its warehouse state row was written by a job instance of another job repository
   * ({@link RunInfo#requireSameRepository}). One part of a partitioned stream ({@code <stream>#<part>}) is not checked:
   * the manager's open of the whole stream checked the stream's own row before any part opens. Nor is a replace
   * stream: it reads the whole source each run, whatever the watermarks say.
   */
  public void requireStateOfThisRepository(long stateOwner) {
    if (stream.indexOf('#') < 0 && mode != WriteMode.REPLACE) {
      run.requireSameRepository(stateOwner, stream, fullRefresh);
    }
  }
}
