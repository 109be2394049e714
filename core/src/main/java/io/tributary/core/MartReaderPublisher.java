package io.tributary.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sink that publishes its marts for readers (the MCP server, {@code ./tributary query}) apart from the tables the
 * load writes, with the columns the data dictionary declares PII masked by the warehouse itself: DuckDB copies the
 * {@code marts} schema into a read snapshot file with PII values replaced by {@value #MASK} (and a separate clear copy
 * for readers started with the explicit option); PostgreSQL keeps a schema of views that mask them, the only thing
 * the reader role may select. The engine calls both methods on the job's thread, once per mart build.
 */
public interface MartReaderPublisher {

  /** What a PII value reads as for readers; NULL stays NULL. */
  String MASK = "***";

  /**
   * Called before the named marts are rebuilt: withdraws what readers see of them where it would keep a rebuild
   * ({@code DROP TABLE}) from running. Default: nothing.
   */
  default void beforeMartBuild(List<String> marts) {}

  /**
   * Publishes every table of the {@code marts} schema for readers; {@code piiColumns} maps a mart name to the columns
   * declared PII (lower case), which readers get masked. A failure is a failure of the mart step.
   */
  void publishForReaders(Map<String, Set<String>> piiColumns);
}
