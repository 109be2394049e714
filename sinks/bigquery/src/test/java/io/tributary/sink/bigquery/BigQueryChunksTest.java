package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.Cursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BigQuery's chunk transaction is the spool's: a chunk's rows and position become durable together when it commits,
 * and a rolled-back chunk leaves neither a manifest entry nor its files.
 */
class BigQueryChunksTest {

  @TempDir
  Path dir;

  private static BigQuerySpool.Manifest spooled(BigQuerySpool spool, String file, String position) throws Exception {
    Files.writeString(spool.file(file), "rows");
    return spool.next(Cursor.of("id", position), 1, file, null);
  }

  @Test
  void aCommittedChunkIsInTheManifestWithItsPosition() throws Exception {
    BigQueryChunks chunks = new BigQueryChunks();
    BigQuerySpool spool = new BigQuerySpool(dir, 1);
    ChunkTransaction chunk = chunks.begin();
    chunks.enlist(spool, spooled(spool, "chunk-000001.ndjson.gz", "1"), List.of("chunk-000001.ndjson.gz"));
    assertThat(dir.resolve("manifest.json")).as("nothing committed before the commit").doesNotExist();

    chunk.commit();

    BigQuerySpool.Manifest reread = new BigQuerySpool(dir, 1).committed();
    assertThat(reread.chunks()).containsExactly("chunk-000001.ndjson.gz");
    assertThat(reread.cursor()).isEqualTo(Cursor.of("id", "1"));
  }

  @Test
  void aRolledBackChunkLeavesNoManifestEntryAndNoFile() throws Exception {
    BigQueryChunks chunks = new BigQueryChunks();
    BigQuerySpool spool = new BigQuerySpool(dir, 1);
    ChunkTransaction chunk = chunks.begin();
    chunks.enlist(spool, spooled(spool, "chunk-000001.ndjson.gz", "1"), List.of("chunk-000001.ndjson.gz"));

    chunk.rollback();

    assertThat(new BigQuerySpool(dir, 1).committed().chunks()).isEmpty();
    assertThat(spool.file("chunk-000001.ndjson.gz")).doesNotExist();
  }

  @Test
  void withoutAnOpenChunkASpooledChunkCommitsAtOnce() throws Exception {
    BigQueryChunks chunks = new BigQueryChunks();
    BigQuerySpool spool = new BigQuerySpool(dir, 1);
    chunks.begin().commit();

    chunks.enlist(spool, spooled(spool, "chunk-000001.ndjson.gz", "1"), List.of("chunk-000001.ndjson.gz"));

    assertThat(new BigQuerySpool(dir, 1).committed().chunks()).containsExactly("chunk-000001.ndjson.gz");
  }
}
