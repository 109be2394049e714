package io.tributary.sink.bigquery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Cursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One stream's chunks on local disk between the chunk transactions and the run's single load job. A chunk is
 * committed when {@code manifest.json} — which lists the chunk files and holds the position after them — is
 * replaced atomically (write, fsync, rename, fsync of the directory); a file the manifest does not list never
 * happened. Every file the new manifest names is fsynced, and so is the directory holding its name, before the
 * manifest is written: after a power loss the manifest never names a truncated or missing chunk. So the position
 * here is exact for the rows spooled here, the way the state row is exact for rows in a warehouse transaction.
 */
final class BigQuerySpool {

  /** Makes a file's content, or a directory's entries, durable (fsync). A seam for the tests of the order. */
  interface FileSync {
    void force(Path fileOrDirectory) throws IOException;

    FileSync FSYNC = path -> {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
        ch.force(true);
      }
    };
  }

  /** What is committed to the spool. {@code spoolId} names this batch of chunks in the warehouse state table. */
  record Manifest(long instanceId, String spoolId, Map<String, String> position, long nextSeq, List<String> chunks,
      List<String> quarantine) {

    Manifest {
      position = Map.copyOf(position);
      chunks = List.copyOf(chunks);
      quarantine = List.copyOf(quarantine);
    }

    Cursor cursor() {
      return new Cursor(position);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANIFEST = "manifest.json";

  private final Path dir;
  private final FileSync sync;
  private Manifest committed;

  /** Opens the spool for {@code instanceId}: a spool of another job instance is discarded, its rows never loaded. */
  BigQuerySpool(Path dir, long instanceId) {
    this(dir, instanceId, FileSync.FSYNC);
  }

  BigQuerySpool(Path dir, long instanceId, FileSync sync) {
    this.dir = dir;
    this.sync = sync;
    try {
      Files.createDirectories(dir);
      Optional<Manifest> existing = read();
      if (existing.isPresent() && existing.get().instanceId() == instanceId) {
        committed = existing.get();
      } else {
        clear();
        committed = new Manifest(instanceId, UUID.randomUUID().toString(), Map.of(), 1, List.of(), List.of());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the spool directory " + dir, e);
    }
  }

  /**
   * Discards the chunks under the current spool id and starts a new id: for a spool whose rows the warehouse already
   * published (the process died, or the clean-up failed, after the publish committed). New chunks then never join a
   * batch the warehouse has marked done.
   */
  void startOver() {
    clear();
    committed = new Manifest(committed.instanceId(), UUID.randomUUID().toString(), Map.of(), 1, List.of(), List.of());
  }

  Manifest committed() {
    return committed;
  }

  boolean hasCommittedChunks() {
    return !committed.chunks().isEmpty() || !committed.quarantine().isEmpty() || !committed.position().isEmpty();
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** The manifest after one more chunk; {@link #commit} makes it durable. */
  Manifest next(Cursor position, long rows, String chunk, String quarantine) {
    List<String> chunks = new ArrayList<>(committed.chunks());
    if (chunk != null) {
      chunks.add(chunk);
    }
    List<String> q = new ArrayList<>(committed.quarantine());
    if (quarantine != null) {
      q.add(quarantine);
    }
    return new Manifest(committed.instanceId(), committed.spoolId(), position.values(), committed.nextSeq() + rows,
        chunks, q);
  }

  void commit(Manifest next) {
    Path tmp = dir.resolve(MANIFEST + ".tmp");
    try {
      List<String> added = new ArrayList<>(next.chunks());
      added.addAll(next.quarantine());
      added.removeAll(committed.chunks());
      added.removeAll(committed.quarantine());
      for (String file : added) {
        sync.force(dir.resolve(file));
      }
      if (!added.isEmpty()) {
        sync.force(dir);
      }
      Files.write(tmp, JSON.writeValueAsBytes(next));
      sync.force(tmp);
      Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      // the rename itself is durable only once the directory is
      sync.force(dir);
      committed = next;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the spool manifest in " + dir, e);
    }
  }

  /** Deletes every file: after the run's rows are published, or when another job instance starts. */
  void clear() {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the spool directory " + dir, e);
    }
  }

  void delete(String name) {
    try {
      Files.deleteIfExists(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Manifest> read() throws IOException {
    Path m = dir.resolve(MANIFEST);
    return Files.exists(m) ? Optional.of(JSON.readValue(m.toFile(), Manifest.class)) : Optional.empty();
  }
}
