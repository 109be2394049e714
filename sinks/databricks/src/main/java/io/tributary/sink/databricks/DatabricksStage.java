package io.tributary.sink.databricks;

import io.tributary.core.RunInfo;
import io.tributary.sink.staged.StageLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL that moves chunk files through a Unity Catalog volume: PUT a local file under this stream's folder
 * ({@code /Volumes/<catalog>/<schema>/<volume>/<job>/<stream>/}), COPY INTO a table from files of it, REMOVE them
 * (Databricks docs, "Manage files in volumes with the Databricks JDBC Driver"). Folders of different streams never
 * mix.
 */
final class DatabricksStage implements StageLocation {

  /**
   * The COPY INTO format matching what the chunk files hold (Databricks docs, "COPY INTO", CSV options): no header,
   * quotes escaped by doubling them, values may hold line breaks, any malformed line fails the statement.
   */
  static final String FORMAT = "FILEFORMAT = CSV FORMAT_OPTIONS ('header' = 'false', 'escape' = '\"',"
      + " 'multiLine' = 'true', 'mode' = 'FAILFAST', 'compression' = 'gzip')";

  private final String folder;

  DatabricksStage(String catalog, String schema, String volume, RunInfo run, String stream) {
    this.folder = "/Volumes/" + catalog + "/" + schema + "/" + volume + "/" + StageLocation.folder(run.job())
        + "/" + StageLocation.folder(stream);
  }

  /** The files are already gzip; OVERWRITE: the file of a chunk whose COPY failed is written again. */
  @Override
  public String put(Path file) {
    return "PUT '" + literal(file.toAbsolutePath().toString()) + "' INTO '" + literal(path(file.getFileName()
        .toString())) + "' OVERWRITE";
  }

  /**
   * COPY INTO {@code table} from {@code files}, each CSV field cast to its column's type (a JSON column parsed). No
   * {@code force}: a file COPY INTO already loaded into the table is skipped (Databricks docs, "COPY INTO": "a
   * retryable and idempotent operation"), which makes a replayed chunk or publish load nothing twice.
   */
  @Override
  public String copy(String table, List<String> columns, List<String> types, List<String> files) {
    String select = IntStream.range(0, columns.size())
        .mapToObj(i -> (types.get(i).equals("VARIANT") ? "parse_json(_c" + i + ")"
            : "CAST(_c" + i + " AS " + types.get(i) + ")") + " AS " + DatabricksDialect.INSTANCE.quote(columns.get(i)))
        .collect(Collectors.joining(", "));
    return "COPY INTO " + table + " FROM (SELECT " + select + " FROM '" + literal(folder) + "') FILES = ("
        + files.stream().map(f -> "'" + literal(f) + "'").collect(Collectors.joining(", ")) + ") " + FORMAT;
  }

  /** The constant is a literal of the SELECT, stored in every row the COPY loads. */
  @Override
  public String copy(String table, List<String> columns, List<String> types, List<String> files, String column,
      String value) {
    String copy = copy(table, columns, types, files);
    int from = copy.indexOf(" FROM '");
    return copy.substring(0, from) + ", '" + literal(value) + "' AS " + DatabricksDialect.INSTANCE.quote(column)
        + copy.substring(from);
  }

  @Override
  public String remove(String fileName) {
    return "REMOVE '" + literal(path(fileName)) + "'";
  }

  @Override
  public String removeAll() {
    return "REMOVE '" + literal(folder) + "'";
  }

  private String path(String fileName) {
    return folder + "/" + fileName;
  }

  private static String literal(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }
}
