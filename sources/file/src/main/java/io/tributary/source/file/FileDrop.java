package io.tributary.source.file;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The drop folder as one stream sees it: the regular files matching its glob, oldest first ({@code lastModified},
 * then name), each with a content fingerprint. Fingerprints are cached by (name, size, mtime) in a map the source
 * shares between its readers, so a run reads each file once to fingerprint it.
 */
final class FileDrop {

  /** A dropped file: its name relative to the folder, with {@code /} separators. */
  record DroppedFile(String name, Path path, long size, long modified) {}

  private static final int FINGERPRINT_HEX_CHARS = 16;
  /** Marks a fingerprint of CRCs, after the size; an earlier one is hex digits only. */
  private static final String CRC = "c";
  /** Hashes files beside the step thread; its threads end after a minute without work and never hold the JVM. */
  private static final ExecutorService HASHING = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tributary-file-hash");
    t.setDaemon(true);
    return t;
  });

  private final Path dir;
  private final FileStreamOptions options;
  private final PathMatcher matcher;
  private final int depth;
  private final Map<DroppedFile, String> fingerprints;

  FileDrop(Path dir, FileStreamOptions options) {
    this(dir, options, new HashMap<>());
  }

  /** @param fingerprints the fingerprints known so far, by file; this drop adds the ones it computes */
  FileDrop(Path dir, FileStreamOptions options, Map<DroppedFile, String> fingerprints) {
    this.fingerprints = fingerprints;
    this.dir = dir;
    this.options = options;
    this.matcher = options.matcher();
    String pattern = options.pattern();
    this.depth = pattern.contains("**") ? Integer.MAX_VALUE : (int) pattern.chars().filter(c -> c == '/').count() + 1;
  }

  Path dir() {
    return dir;
  }

  /** Matching files in load order. */
  List<DroppedFile> files() {
    requireFolder(dir);
    try (Stream<Path> paths = Files.walk(dir, depth)) {
      return paths.filter(Files::isRegularFile)
          .filter(p -> matcher.matches(dir.relativize(p)))
          .map(this::describe)
          .sorted(Comparator.comparingLong(DroppedFile::modified).thenComparing(DroppedFile::name))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw TributaryException.transientFailure("cannot list the drop folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The records of a dropped file, read with the stream's format options; the caller closes them. */
  RecordFile open(DroppedFile file) {
    return RecordFile.open(file, options);
  }

  /**
   * {@code size:c<crc32c><crc32>} of the file's current content: two CRCs of different polynomials, 64 bits between
   * them, against an accidental match as the SHA-256 prefix before them, but each computed by the JVM's CPU intrinsic
   * (a 135 MB file: 22 ms, against 900 ms for SHA-256 under the launcher's C1 and 100 ms under C2).
   */
  String fingerprint(DroppedFile file) {
    return fingerprints.computeIfAbsent(file, f -> f.size() + ":" + CRC + crcs(f.path()));
  }

  /**
   * Whether {@code file} is still the version a cursor or manifest recorded as {@code recorded}. A fingerprint of an
   * earlier Tributary ({@code size:<sha256-prefix>}) is checked with SHA-256, so an upgrade loads no file again.
   */
  boolean matches(DroppedFile file, String recorded) {
    int colon = recorded.indexOf(':');
    if (colon < 0 || !recorded.startsWith(file.size() + ":")) {
      return false;
    }
    // "c" and 16 hex digits; a SHA-256 prefix is 16 hex digits, and may itself start with c
    if (recorded.length() - colon - 1 == CRC.length() + FINGERPRINT_HEX_CHARS) {
      return recorded.equals(fingerprint(file));
    }
    return recorded.equals(file.size() + ":" + sha256Prefix(file.path()));
  }

  /**
   * {@link #fingerprint} on a thread of its own, so the file can be hashed while a warehouse reads it (SHA-256 of a
   * large file takes about as long as the warehouse's read). {@link #await} takes the result.
   */
  CompletableFuture<String> fingerprintSoon(DroppedFile file) {
    String known = fingerprints.get(file);
    return known != null ? CompletableFuture.completedFuture(known)
        : CompletableFuture.supplyAsync(() -> fingerprint(file), HASHING);
  }

  /** The result of {@link #fingerprintSoon}, its failure thrown as it would have been by {@link #fingerprint}. */
  static String await(CompletableFuture<String> fingerprint) {
    try {
      return fingerprint.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Whether {@code file} is not in {@code manifest} as it is now, reading it only when name and size match. */
  boolean pending(DroppedFile file, FileManifest manifest) {
    String recorded = manifest.fingerprintOf(file.name());
    return recorded == null || !matches(file, recorded);
  }

  static void requireFolder(Path dir) {
    if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
      throw TributaryException.config("the drop folder " + dir + " does not exist or is not readable",
          "create the folder, or fix source.dir in the job file (relative paths start at the working directory)");
    }
  }

  private DroppedFile describe(Path p) {
    try {
      String name = dir.relativize(p).toString().replace('\\', '/');
      return new DroppedFile(name, p, Files.size(p), Files.getLastModifiedTime(p).toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String crcs(Path path) {
    CRC32C castagnoli = new CRC32C();
    CRC32 ieee = new CRC32();
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        castagnoli.update(buffer, 0, n);
        ieee.update(buffer, 0, n);
      }
      return String.format("%08x%08x", castagnoli.getValue(), ieee.getValue());
    } catch (IOException e) {
      throw TributaryException.transientFailure("cannot read " + path + " to fingerprint it: " + e.getMessage(), e);
    }
  }

  /** The fingerprint of Tributary before 2026-12-08, kept to recognise the files its manifests name. */
  private static String sha256Prefix(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, FINGERPRINT_HEX_CHARS);
    } catch (IOException e) {
      throw TributaryException.transientFailure("cannot read " + path + " to fingerprint it: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
