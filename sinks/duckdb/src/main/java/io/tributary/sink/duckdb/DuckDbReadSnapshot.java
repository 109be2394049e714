package io.tributary.sink.duckdb;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.MartReaderPublisher;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The read snapshots of a DuckDB warehouse, beside {@code <name>.duckdb}, holding only the {@code marts} schema:
 * {@code <name>.read.duckdb} with every column the data dictionary declares PII replaced by
 * {@value MartReaderPublisher#MASK} (what readers open by default: the clear values are not in the file at all, so no
 * query can reach them), and {@code <name>.read-clear.duckdb} with the clear values, readable by the file's owner only,
 * for readers started with the explicit option. DuckDB lets one process write a file and keeps writers out while any
 * other process reads it (https://duckdb.org/docs/stable/connect/concurrency), so readers open these copies read-only
 * instead. The load writes each copy under a temporary name and renames it over the old one: a reader that has the
 * old file open keeps reading it (POSIX keeps the unlinked inode), and sees the new marts when it reopens. Raw tables
 * and {@code _tributary_*} tables are not in the copies.
 */
public final class DuckDbReadSnapshot {

  private static final String ALIAS = "tributary_read_snapshot";

  private DuckDbReadSnapshot() {}

  /** The masked snapshot file of a warehouse file. */
  public static Path file(Path warehouse) {
    return sibling(warehouse, ".read.duckdb");
  }

  /** The snapshot with PII in clear, for readers started with the explicit option. */
  public static Path clearFile(Path warehouse) {
    return sibling(warehouse, ".read-clear.duckdb");
  }

  private static Path sibling(Path warehouse, String suffix) {
    Path absolute = warehouse.toAbsolutePath().normalize();
    String stem = absolute.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    return absolute.resolveSibling(stem + suffix);
  }

  /** Publishes both snapshots: the masked one ({@code piiColumns}: mart to lower-case column names) and the clear one. */
  static void publish(Connection c, Path warehouse, Map<String, Set<String>> piiColumns) {
    publish(c, clearFile(warehouse), Map.of(), true);
    publish(c, file(warehouse), piiColumns, false);
  }

  private static void publish(Connection c, Path target, Map<String, Set<String>> pii, boolean ownerOnly) {
    String tmpName = target.getFileName() + ".tmp-" + ProcessHandle.current().pid();
    Path folder = null;
    try (Statement s = c.createStatement()) {
      // the clear copy is written in a folder only the owner may enter, and is owner-only before it is renamed
      folder = ownerOnly ? ownerOnlyFolder(target.resolveSibling(tmpName + ".d")) : null;
      Path tmp = folder == null ? target.resolveSibling(tmpName) : folder.resolve(tmpName);
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
      Map<String, List<String>> tables = martTables(s);
      s.execute("ATTACH '" + tmp.toString().replace("'", "''") + "' AS " + ALIAS);
      try {
        s.execute("CREATE SCHEMA " + ALIAS + ".marts");
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
          Set<String> masked = pii.getOrDefault(table.getKey().toLowerCase(Locale.ROOT), Set.of());
          s.execute("CREATE TABLE " + ALIAS + ".marts." + quote(table.getKey()) + " AS SELECT "
              + table.getValue().stream().map(col -> masked.contains(col.toLowerCase(Locale.ROOT))
                  ? "CASE WHEN " + quote(col) + " IS NULL THEN NULL ELSE '" + MartReaderPublisher.MASK + "' END AS "
                      + quote(col) : quote(col)).collect(Collectors.joining(", "))
              + " FROM marts." + quote(table.getKey()));
        }
      } finally {
        s.execute("DETACH " + ALIAS);
      }
      if (folder != null) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (SQLException e) {
      throw new TributaryException(TributaryException.Kind.INTERNAL, "DuckDB could not publish the read snapshot "
          + target + ": " + DuckDbErrors.firstLine(String.valueOf(e.getMessage())),
          "check free disk space beside the warehouse file; the marts themselves are built", e);
    } catch (IOException e) {
      throw new TributaryException(TributaryException.Kind.CONFIG, "cannot publish the read snapshot " + target
          + ": " + e.getMessage(), "make the warehouse directory writable", e);
    } finally {
      deleteQuietly(folder);
    }
  }

  /** A fresh folder only the owner may enter, where the file system has POSIX permissions (else null). */
  private static Path ownerOnlyFolder(Path folder) throws IOException {
    if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return null;
    }
    deleteQuietly(folder);
    return Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      return;
    }
    try (var files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(folder);
    } catch (IOException ignored) {
      // a leftover temporary folder holds nothing a reader opens; the next publish removes it
    }
  }

  /** The tables of the marts schema with their columns in table order. */
  private static Map<String, List<String>> martTables(Statement s) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (ResultSet rs = s.executeQuery("SELECT c.table_name, c.column_name FROM information_schema.columns c"
        + " JOIN information_schema.tables t ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema"
        + " AND t.table_name = c.table_name WHERE c.table_catalog = current_database() AND c.table_schema = 'marts'"
        + " AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position")) {
      while (rs.next()) {
        tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    return tables;
  }
}
