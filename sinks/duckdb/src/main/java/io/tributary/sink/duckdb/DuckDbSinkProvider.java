package io.tributary.sink.duckdb;

import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the embedded DuckDB sink, the zero-setup default warehouse. */
@Component
public class DuckDbSinkProvider implements SinkProvider<DuckDbSinkConfig> {

  @Override
  public String type() {
    return "duckdb";
  }

  @Override
  public Class<DuckDbSinkConfig> configType() {
    return DuckDbSinkConfig.class;
  }

  @Override
  public Sink create(DuckDbSinkConfig config, JobContext context) {
    DuckDbSinkConfig effective = config == null ? new DuckDbSinkConfig(null, null) : config;
    String schema = Identifiers.require(effective.schemaOrDefault(), "sink.schema");
    return DuckDbSink.open(context.resolve(effective.pathOrDefault(context.jobName())), schema);
  }
}
