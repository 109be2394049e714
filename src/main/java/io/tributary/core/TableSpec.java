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
 */
public record TableSpec(String stream, String table, StreamSchema schema, WriteMode mode, RunInfo run) {}
