package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable spools: after a power loss the manifest must never name a chunk file whose bytes or directory entry were
 * still in the page cache. So each chunk file and then the spool directory are fsynced before the manifest that
 * names them is written, and the directory again after the manifest's rename.
 */
@Tag("unit")
class BigQuerySpoolTest {

  @TempDir
  Path dir;

  @Test
  void chunkFilesAndTheirDirectoryAreDurableBeforeTheManifestNamesThem() throws Exception {
    List<String> order = new ArrayList<>();
    BigQuerySpool spool = new BigQuerySpool(dir, 1, p -> order.add(dir.relativize(p).toString().isEmpty() ? "<dir>"
        : dir.relativize(p).toString() + (Files.exists(dir.resolve("manifest.json")) ? " (manifest exists)" : "")));
    Files.writeString(spool.file("chunk-000001.ndjson.gz"), "rows");
    Files.writeString(spool.file("quarantine-000002.ndjson.gz"), "bad");
    spool.commit(spool.next(Cursor.of("id", "2"), 2, "chunk-000001.ndjson.gz", "quarantine-000002.ndjson.gz"));
    assertThat(order).containsExactly("chunk-000001.ndjson.gz", "quarantine-000002.ndjson.gz", "<dir>",
        "manifest.json.tmp", "<dir>");

    order.clear();
    Files.writeString(spool.file("chunk-000003.ndjson.gz"), "more rows");
    spool.commit(spool.next(Cursor.of("id", "3"), 1, "chunk-000003.ndjson.gz", null));
    assertThat(order).as("only the new chunk is synced again").containsExactly(
        "chunk-000003.ndjson.gz (manifest exists)", "<dir>", "manifest.json.tmp (manifest exists)", "<dir>");
    assertThat(new BigQuerySpool(dir, 1).committed().chunks()).containsExactly("chunk-000001.ndjson.gz",
        "chunk-000003.ndjson.gz");
  }
}
