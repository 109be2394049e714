package io.tributary.auth;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One file per connection key under a directory (e.g. {@code ./.tributary/tokens}), readable and writable by the
 * owner only (0600, directory 0700 on POSIX file systems). Written to a temp file and atomically moved, so a crash
 * never leaves half a token.
 */
public final class FileRefreshTokenStore implements RefreshTokenStore {

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path dir;

  public FileRefreshTokenStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public Optional<String> load(String key) {
    Path file = file(key);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    } catch (IOException e) {
      throw TributaryException.config("cannot read the stored refresh token " + file + ": "
          + e.getClass().getSimpleName(), "make the file readable by this user or delete it to start over");
    }
  }

  @Override
  public void save(String key, String refreshToken) {
    Path file = file(key);
    try {
      createDir();
      Path tmp = POSIX
          ? Files.createTempFile(dir, ".token", ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(dir, ".token", ".tmp");
      Files.writeString(tmp, refreshToken, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw TributaryException.config("cannot save the rotated refresh token to " + file + ": "
          + e.getClass().getSimpleName(), "make " + dir + " writable by this user");
    }
  }

  /** Where a key's token lives; the key is reduced to a safe file name. */
  public Path file(String key) {
    return dir.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_") + ".refresh_token");
  }

  private void createDir() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (POSIX) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  @Override
  public String toString() {
    return "FileRefreshTokenStore{" + dir + "}";
  }
}
