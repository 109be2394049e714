package io.tributary.sink.snowflake;

import io.tributary.core.RunInfo;
import io.tributary.sink.staged.StageLocation;
import java.nio.file.Path;
import java.util.List;

/**
 * The SQL that moves chunk files through the internal stage: PUT a local file under this stream's prefix, COPY it
 * into the staging table, REMOVE it. The prefix is {@code <job>/<stream>/} so files of different streams never mix.
 */
final class SnowflakeStage implements StageLocation {

  /** The COPY file format matching what the chunk file writes (Snowflake docs, "Format type options: CSV"). */
  static final String FILE_FORMAT = "FILE_FORMAT = (TYPE = CSV COMPRESSION = GZIP FIELD_OPTIONALLY_ENCLOSED_BY = '\"'"
      + " ESCAPE_UNENCLOSED_FIELD = NONE NULL_IF = () EMPTY_FIELD_AS_NULL = TRUE"
      + " DATE_FORMAT = 'YYYY-MM-DD' TIMESTAMP_FORMAT = 'YYYY-MM-DD\"T\"HH24:MI:SS.FF9TZH:TZM')";

  private final String location;

  SnowflakeStage(String schema, String stage, RunInfo run, String stream) {
    this.location = "@" + SnowflakeDialect.INSTANCE.qualified(schema, stage) + "/" + StageLocation.folder(run.job())
        + "/" + StageLocation.folder(stream);
  }

  /** The files are already gzip: PUT must not compress them again. */
  @Override
  public String put(Path file) {
    String uri = file.toAbsolutePath().toUri().getPath().replace("'", "\\'");
    return "PUT 'file://" + uri + "' " + location + " AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = GZIP"
        + " OVERWRITE = TRUE";
  }

  /**
   * FORCE = TRUE: the state table, not Snowflake's 64-day load history, decides what was loaded; a file whose COPY
   * was rolled back must load again.
   */
  @Override
  public String copy(String table, List<String> columns, List<String> types, List<String> files) {
    return "COPY INTO " + table + " (" + SnowflakeDialect.INSTANCE.list(columns) + ") FROM " + location
        + "/ FILES = ('" + String.join("', '", files) + "') " + FILE_FORMAT
        + " ON_ERROR = ABORT_STATEMENT FORCE = TRUE";
  }

  @Override
  public String remove(String fileName) {
    return "REMOVE " + location + "/" + fileName;
  }

  @Override
  public String removeAll() {
    return "REMOVE " + location + "/";
  }
}
