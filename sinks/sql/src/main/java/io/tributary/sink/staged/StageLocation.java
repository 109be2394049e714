package io.tributary.sink.staged;

import java.nio.file.Path;
import java.util.List;

/**
 * The stage upload hook of a staged warehouse: the SQL that moves one stream's chunk files through the warehouse's
 * file area (a Snowflake internal stage, a Databricks Unity Catalog volume). Built by the sink when a table writer
 * opens; its statements run on the writer's connection, on the step thread.
 */
public interface StageLocation {

  /** Uploads a local chunk file under this stream's folder, replacing a file of the same name. */
  String put(Path file);

  /**
   * Loads {@code files} of this stream's folder into {@code table}, in one statement.
   *
   * @param columns the table's columns in file order, as the warehouse stores them
   * @param types their DDL types, in the same order
   */
  String copy(String table, List<String> columns, List<String> types, List<String> files);

  /**
   * {@link #copy}, also storing {@code value} in {@code column} of every row loaded (the writer's claim on the state
   * row, for a warehouse whose staged rows carry it).
   */
  default String copy(String table, List<String> columns, List<String> types, List<String> files, String column,
      String value) {
    throw new UnsupportedOperationException("this stage does not stamp the rows it loads");
  }

  /** Deletes one file of this stream's folder. */
  String remove(String fileName);

  /** Every file of this stream: leftovers of a crashed run, and after a publish. */
  String removeAll();

  /** A job or stream name as a folder of the stage: anything but letters, digits and {@code _.-} becomes {@code _}. */
  static String folder(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
