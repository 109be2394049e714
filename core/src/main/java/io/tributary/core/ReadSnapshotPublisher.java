package io.tributary.core;

/**
 * A sink whose readers cannot share the file the load writes (DuckDB admits one process per file while it writes, and
 * a reading process keeps writers out). After the marts are built, the engine calls {@link #publishReadSnapshot()}
 * once, on the job's thread; the sink copies the {@code marts} schema into a separate file and replaces the previous
 * copy atomically, so readers open that copy and neither blocks the other.
 */
public interface ReadSnapshotPublisher {

  /** Publishes the current marts for readers; a failure is a failure of the mart step. */
  void publishReadSnapshot();
}
