package io.tributary.sink.duckdb;

/**
 * How a stream with a primary key is merged: the statements, the Appender of the full staging table (chunks that
 * repeat a key or carry deletes) and the Appender of the key-only table (every other chunk, whose rows are then
 * appended straight into the target).
 */
record DuckDbMergePlan(DuckDbMergeStatement statement, DuckDbRowAppender stage, DuckDbRowAppender keys) {}
