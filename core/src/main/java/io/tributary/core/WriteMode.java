package io.tributary.core;

/** How a stream's rows land in its target table. */
public enum WriteMode {
  /** Insert every row; the table is an append-only log. */
  APPEND,
  /** Upsert by primary key; the table holds the latest version of each key. */
  MERGE,
  /** Load into a fresh table and swap it in atomically when the stream completes. */
  REPLACE
}
