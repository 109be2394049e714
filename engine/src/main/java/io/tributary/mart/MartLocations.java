package io.tributary.mart;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a job's {@code marts:} entries may point: files or folders inside the project's {@code sql/} tree (the
 * project is the working directory the job runs in). Every entry and every file found in a folder is compared after
 * normalization and symlink resolution, so neither {@code ../}, an absolute path nor a symlink can make a job run
 * another file as SQL. Errors name the entry, never the file's contents.
 */
public final class MartLocations {

  static final String SQL_TREE = "sql";
  private static final String FIX = "put the mart SQL under the project's sql/ folder (for example sql/marts/<name>/)"
      + " and name that file or folder in 'marts:'";

  private MartLocations() {}

  /** The real paths of the {@code .sql} files an entry names, in name order; refused when any is outside sql/. */
  public static List<Path> files(Path projectDir, String entry) {
    Path given = projectDir.toAbsolutePath().resolve(entry).normalize();
    Path tree = projectDir.toAbsolutePath().resolve(SQL_TREE).normalize();
    requireInside(tree, given, entry, given);
    Path root = sqlRoot(projectDir);
    Path named = real(given, entry);
    requireInside(root, named, entry, given);
    if (Files.isRegularFile(named)) {
      return List.of(named);
    }
    if (!Files.isDirectory(named)) {
      throw TributaryException.config("marts entry '" + entry + "' is neither a file nor a folder", FIX);
    }
    List<Path> files = new ArrayList<>();
    for (Path file : list(named, entry)) {
      Path target = real(file, entry);
      requireInside(root, target, entry, file);
      files.add(target);
    }
    return files;
  }

  private static Path sqlRoot(Path projectDir) {
    Path sql = projectDir.resolve(SQL_TREE);
    try {
      return sql.toRealPath();
    } catch (IOException e) {
      throw TributaryException.config("the project has no sql/ folder (" + sql.toAbsolutePath() + ")",
          "run the job from the project folder, or " + FIX);
    }
  }

  private static Path real(Path path, String entry) {
    try {
      return path.toRealPath();
    } catch (NoSuchFileException e) {
      throw TributaryException.config("marts entry '" + entry + "' does not exist (" + path + ")",
          "fix the 'marts:' entry of the job, or create the folder under sql/");
    } catch (IOException e) {
      throw TributaryException.config("marts entry '" + entry + "' cannot be resolved: "
          + e.getClass().getSimpleName(), "check the permissions of " + path);
    }
  }

  private static void requireInside(Path root, Path target, String entry, Path named) {
    if (!target.startsWith(root)) {
      String how = named.equals(target) ? "" : " (" + named.getFileName() + " is a link that leads out of it)";
      throw TributaryException.config("marts entry '" + entry + "' is outside the project's sql/ folder " + root
          + how, FIX);
    }
  }

  private static List<Path> list(Path folder, String entry) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
    } catch (IOException e) {
      throw TributaryException.config("marts entry '" + entry + "': cannot list " + folder + ": "
          + e.getClass().getSimpleName(), "check its permissions");
    }
  }
}
