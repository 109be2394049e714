package io.tributary.sink.postgres;

import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the PostgreSQL sink for jobs whose {@code sink:} block says {@code type: postgres}. */
@Component
public class PostgresSinkProvider implements SinkProvider<PostgresSinkConfig> {

  @Override
  public String type() {
    return "postgres";
  }

  @Override
  public Class<PostgresSinkConfig> configType() {
    return PostgresSinkConfig.class;
  }

  @Override
  public Sink create(PostgresSinkConfig config, JobContext context) {
    return new PostgresSink(config, context);
  }
}
