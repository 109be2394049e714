package io.tributary.sink.databricks;

import io.tributary.core.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that moves chunk files through a Unity Catalog volume: PUT a local file under this stream's folder
 * ({@code /Volumes/<catalog>/<schema>/<volume>/<job>/<stream>/}), COPY INTO the staging table from it, REMOVE it
 * (Databricks docs, "Manage files in volumes with the Databricks JDBC Driver"). Folders of different streams never mix.
 */
final class DatabricksStage {

  private final String folder;

  DatabricksStage(String catalog, String schema, String volume, RunInfo run, String stream) {
    this.folder = "/Volumes/" + catalog + "/" + schema + "/" + volume + "/" + segment(run.job()) + "/"
        + segment(stream);
  }

  /** The managed volume of {@code schema}, created when missing: files in it cost only storage until REMOVEd. */
  static String create(String schema, String volume) {
    return "CREATE VOLUME IF NOT EXISTS " + DatabricksDialect.INSTANCE.qualified(schema, volume);
  }

  String path(String fileName) {
    return folder + "/" + fileName;
  }

  /** The files are already gzip; OVERWRITE: a file of a chunk that rolled back is written again. */
  String put(Path file) {
    return "PUT '" + literal(file.toAbsolutePath().toString()) + "' INTO '" + literal(path(file.getFileName()
        .toString())) + "' OVERWRITE";
  }

  /**
   * COPY INTO the staging table from one file, each CSV field cast to its staging column's type. {@code force}: the
   * state table, not COPY INTO's own load history, decides what was loaded; a file whose COPY was rolled back must
   * load again (Databricks docs, "COPY INTO", {@code COPY_OPTIONS force}).
   */
  String copy(String stagingQualified, List<String> columns, List<String> types, String fileName) {
    String select = java.util.stream.IntStream.range(0, columns.size())
        .mapToObj(i -> "CAST(_c" + i + " AS " + types.get(i) + ") AS " + DatabricksDialect.INSTANCE.quote(
            columns.get(i)))
        .collect(Collectors.joining(", "));
    return "COPY INTO " + stagingQualified + " FROM (SELECT " + select + " FROM '" + literal(path(fileName)) + "') "
        + DatabricksChunkFile.FORMAT_OPTIONS + " COPY_OPTIONS ('force' = 'true')";
  }

  String remove(String fileName) {
    return "REMOVE '" + literal(path(fileName)) + "'";
  }

  private static String literal(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static String segment(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
