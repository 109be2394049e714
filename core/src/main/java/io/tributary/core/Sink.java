package io.tributary.core;

import org.springframework.transaction.PlatformTransactionManager;

/**
 * A warehouse Tributary loads into. One instance per job run, built by its {@link SinkProvider} from the job's
 * {@code sink:} block.
 */
public interface Sink extends AutoCloseable {

  /** Tests the connection and permissions; throws {@link TributaryException} with a fix hint on failure. */
  void check();

  /** The transaction manager chunk transactions run in; {@link TableWriter#write} joins its transaction. */
  PlatformTransactionManager transactionManager();

  /** Creates or evolves the target (and staging) tables for a stream and returns its writer. */
  TableWriter open(TableSpec spec);

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
