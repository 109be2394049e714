package io.tributary.sink.snowflake;

import io.tributary.core.RunInfo;
import java.nio.file.Path;

/**
 * The SQL that moves chunk files through the internal stage: PUT a local file under this stream's prefix, COPY it
 * into the staging table, REMOVE it. The prefix is {@code <job>/<stream>/} so files of different streams never mix.
 */
final class SnowflakeStage {

  private final String location;

  SnowflakeStage(String schema, String stage, RunInfo run, String stream) {
    this.location = "@" + SnowflakeDialect.INSTANCE.qualified(schema, stage) + "/" + segment(run.job()) + "/"
        + segment(stream);
  }

  /** The stage of {@code schema}, created when missing. */
  static String create(String schema, String stage) {
    // An internal named stage: files PUT here are encrypted at rest and cost only storage until REMOVEd.
    return "CREATE STAGE IF NOT EXISTS " + SnowflakeDialect.INSTANCE.qualified(schema, stage);
  }

  /** The files are already gzip: PUT must not compress them again. */
  String put(Path file) {
    String uri = file.toAbsolutePath().toUri().getPath().replace("'", "\\'");
    return "PUT 'file://" + uri + "' " + location + " AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = GZIP"
        + " OVERWRITE = TRUE";
  }

  /**
   * FORCE = TRUE: the state table, not Snowflake's 64-day load history, decides what was loaded; a file whose COPY
   * was rolled back must load again.
   */
  String copy(String stagingQualified, String columnList, String fileName) {
    return "COPY INTO " + stagingQualified + " (" + columnList + ") FROM " + location + "/ FILES = ('" + fileName
        + "') " + SnowflakeChunkFile.FILE_FORMAT + " ON_ERROR = ABORT_STATEMENT FORCE = TRUE";
  }

  String remove(String fileName) {
    return "REMOVE " + location + "/" + fileName;
  }

  /** Every file of this stream: leftovers of a crashed run, before a run starts and after it publishes. */
  String removeAll() {
    return "REMOVE " + location + "/";
  }

  private static String segment(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
