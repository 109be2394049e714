package io.tributary.sink.bigquery;

import io.tributary.core.ChunkTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * BigQuery's chunk transactions are the local spool's: BigQuery has no transaction a chunk could join (a run's rows
 * reach it in one load job and one publishing transaction, at finish), so a chunk commits when its spool manifest,
 * which names the chunk's files and holds the position after them, is replaced ({@link BigQuerySpool#commit}). That
 * makes the rows and the position durable together on local disk, as a warehouse transaction makes them in a JDBC
 * warehouse; a rolled-back chunk's files are deleted and the manifest never names them. The transaction of a thread
 * is open from {@link #begin()} to its commit or rollback; each part of a partitioned stream has its own thread.
 */
final class BigQueryChunks {

  private final ThreadLocal<Chunk> open = new ThreadLocal<>();

  ChunkTransaction begin() {
    Chunk chunk = new Chunk();
    open.set(chunk);
    return chunk;
  }

  /**
   * Commits {@code next} with the chunk transaction open on this thread, or at once when none is open (a caller
   * outside the engine's steps); a rollback deletes {@code files}.
   */
  void enlist(BigQuerySpool spool, BigQuerySpool.Manifest next, List<String> files) {
    Chunk chunk = open.get();
    if (chunk == null) {
      spool.commit(next);
      return;
    }
    chunk.spooled.add(new Spooled(spool, next, files));
  }

  private record Spooled(BigQuerySpool spool, BigQuerySpool.Manifest next, List<String> files) {}

  private final class Chunk implements ChunkTransaction {

    private final List<Spooled> spooled = new ArrayList<>(1);
    private boolean ended;

    @Override
    public void commit() {
      end();
      for (int i = 0; i < spooled.size(); i++) {
        try {
          spooled.get(i).spool().commit(spooled.get(i).next());
        } catch (RuntimeException | Error e) {
          discard(spooled.subList(i, spooled.size()));
          throw e;
        }
      }
    }

    @Override
    public void rollback() {
      if (!ended) {
        end();
        discard(spooled);
      }
    }

    private void end() {
      ended = true;
      if (open.get() == this) {
        open.remove();
      }
    }

    private void discard(List<Spooled> chunks) {
      for (Spooled s : chunks) {
        s.files().forEach(s.spool()::delete);
      }
    }
  }
}
