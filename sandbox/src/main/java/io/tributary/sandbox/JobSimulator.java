package io.tributary.sandbox;

import io.tributary.core.SourceSandbox;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulator started for one job's source ({@code sandbox:} block): the server, the keys that point the job's source
 * block at it, and a folder holding the simulator's credentials. Those credentials are fixed test values, not secrets,
 * but the connectors' secret fields take references only: each value is written to a file readable by this user
 * alone and handed over as {@code ${file:...}}, so no job file holds one and the connectors' secret rules stay whole.
 * Closing stops the server and deletes the folder.
 */
public final class JobSimulator implements SourceSandbox.Running {

  /** The keys every {@code sandbox:} block has; each platform's block record adds its own. */
  public interface Block {

    /** Rows per object; null for the platform's default. */
    Long rows();

    /** A fault spec such as {@code 429:5%,500:2%} (see {@link FaultSpec}); null or blank for none. */
    String faults();

    /** The dataset and fault seed; null for 42. */
    Long seed();

    /** The server options this block asks for, serving {@code platform}. */
    default SandboxOptions options(SandboxPlatform platform, long defaultRows) {
      return SandboxOptions.defaults().withPlatform(platform).withRows(rows() == null ? defaultRows : rows())
          .withFaults(faults()).withSeed(seed() == null ? 42 : seed());
    }
  }

  private final SandboxServer server;
  private final Path credentials;
  private final Set<String> replaced = new LinkedHashSet<>();
  private final Map<String, Object> overrides = new LinkedHashMap<>();
  private final Map<String, Object> defaults = new LinkedHashMap<>();

  private JobSimulator(SandboxServer server, Path credentials) {
    this.server = server;
    this.credentials = credentials;
  }

  /** Starts the server; the caller then says which keys of the job's block the simulator decides. */
  public static JobSimulator start(SandboxOptions options) {
    Path folder = privateFolder();
    try {
      return new JobSimulator(SandboxServer.start(options), folder);
    } catch (RuntimeException e) {
      delete(folder);
      throw e;
    }
  }

  public SandboxServer server() {
    return server;
  }

  /** Drops these keys of the job's block (another auth method's credentials, a real host's URL). */
  public JobSimulator replacing(String... keys) {
    replaced.addAll(List.of(keys));
    return this;
  }

  /** Sets a key of the source block; a nested block is a map. */
  public JobSimulator set(String key, Object value) {
    overrides.put(key, value);
    return this;
  }

  /** Sets a key of the source block unless the job's block sets it. */
  public JobSimulator setIfAbsent(String key, Object value) {
    defaults.put(key, value);
    return this;
  }

  /** Sets a secret field of the source block to a reference resolving to {@code value}. */
  public JobSimulator secret(String key, String value) {
    return set(key, secretRef(key, value));
  }

  /** A {@code ${file:...}} reference resolving to {@code value}, for a secret field inside a nested block. */
  public String secretRef(String name, String value) {
    Path file = credentials.resolve(name);
    try {
      Files.writeString(file, value, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TributaryException(TributaryException.Kind.INTERNAL, "cannot write the simulator's " + name + " to "
          + file + ": " + e.getMessage(), "check that the temporary folder is writable (java.io.tmpdir)", e);
    }
    return "${file:" + file.toAbsolutePath() + "}";
  }

  @Override
  public Map<String, Object> pointAt(Map<String, Object> sourceBlock) {
    Map<String, Object> block = new LinkedHashMap<>(sourceBlock);
    block.keySet().removeAll(replaced);
    block.putAll(overrides);
    defaults.forEach(block::putIfAbsent);
    return block;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      delete(credentials);
    }
  }

  private static Path privateFolder() {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE))}
        : new FileAttribute<?>[0];
    try {
      return Files.createTempDirectory("tributary-sandbox-", ownerOnly);
    } catch (IOException e) {
      throw new TributaryException(TributaryException.Kind.INTERNAL, "cannot create a folder for the simulator's"
          + " credentials: " + e.getMessage(), "check that the temporary folder is writable (java.io.tmpdir)", e);
    }
  }

  private static void delete(Path folder) {
    try (var files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // Only the simulator's public test values are left behind in the temporary folder.
    }
  }
}
