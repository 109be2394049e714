package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.Cursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BigQuery's chunk transaction is the spool's: a chunk's rows and position become durable together when it commits,
 * and a rolled-back chunk leaves neither a manifest entry nor its files.
 */
@Tag("unit")
class BigQueryChunksTest {

  @TempDir
  Path dir;

  private static final String FILE = "chunk-000001.ndjson.gz";

  private final BigQueryChunks chunks = new BigQueryChunks();

  /** Spools one chunk's file and enlists its manifest with the chunk transaction open on this thread, if any. */
  private BigQuerySpool spoolOneChunk() throws Exception {
    BigQuerySpool spool = new BigQuerySpool(dir, 1);
    Files.writeString(spool.file(FILE), "rows");
    chunks.enlist(spool, spool.next(Cursor.of("id", "1"), 1, FILE, null), List.of(FILE));
    return spool;
  }

  @Test
  void aCommittedChunkIsInTheManifestWithItsPosition() throws Exception {
    ChunkTransaction chunk = chunks.begin();
    spoolOneChunk();
    assertThat(dir.resolve("manifest.json")).as("nothing committed before the commit").doesNotExist();

    chunk.commit();

    BigQuerySpool.Manifest reread = new BigQuerySpool(dir, 1).committed();
    assertThat(reread.chunks()).containsExactly(FILE);
    assertThat(reread.cursor()).isEqualTo(Cursor.of("id", "1"));
  }

  @Test
  void aRolledBackChunkLeavesNoManifestEntryAndNoFile() throws Exception {
    ChunkTransaction chunk = chunks.begin();
    BigQuerySpool spool = spoolOneChunk();

    chunk.rollback();

    assertThat(spool.file(FILE)).doesNotExist();
    assertThat(new BigQuerySpool(dir, 1).committed().chunks()).isEmpty();
  }

  @Test
  void withoutAnOpenChunkASpooledChunkCommitsAtOnce() throws Exception {
    chunks.begin().commit();

    spoolOneChunk();

    assertThat(new BigQuerySpool(dir, 1).committed().chunks()).containsExactly(FILE);
  }
}
