package io.tributary.mart.read;

import io.tributary.config.LoadedJob;
import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import io.tributary.sink.duckdb.DuckDbSinkConfig;
import io.tributary.sink.postgres.PostgresSinkConfig;
import java.nio.file.Path;
import java.util.Map;

/** Opens the reader for a job's warehouse, from the job file's {@code sink:} block. */
public final class MartWarehouses {

  /** The sink types whose marts readers serve. */
  public static final java.util.List<String> TYPES = java.util.List.of("duckdb", "postgres");

  private MartWarehouses() {}

  /** The reader of the job's warehouse; PII columns masked by the warehouse unless {@code showPii}. */
  public static MartWarehouse open(LoadedJob job, boolean showPii) {
    Map<String, Object> sink = job.config().sink();
    String type = job.config().sinkType();
    return switch (type) {
      case "duckdb" -> {
        DuckDbSinkConfig c = job.binder().bindMap(without(sink), DuckDbSinkConfig.class, "sink");
        yield new DuckDbSnapshotWarehouse(Path.of(c.pathOrDefault(job.name())), showPii);
      }
      case "postgres" -> {
        PostgresSinkConfig c = job.binder().bindMap(without(sink), PostgresSinkConfig.class, "sink");
        SecretRef password = c.readerPassword();
        yield new PostgresMartWarehouse(c.url(), password == null ? null : password.resolve(), showPii);
      }
      default -> throw TributaryException.config("the marts of a '" + type + "' warehouse cannot be read here yet",
          "query them in the warehouse's own console; readers support " + String.join(", ", TYPES));
    };
  }

  private static Map<String, Object> without(Map<String, Object> sink) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>(sink);
    copy.remove("type");
    return copy;
  }
}
