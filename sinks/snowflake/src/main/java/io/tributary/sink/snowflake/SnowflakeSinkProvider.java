package io.tributary.sink.snowflake;

import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the Snowflake sink for jobs whose {@code sink:} block says {@code type: snowflake}. */
@Component
public class SnowflakeSinkProvider implements SinkProvider<SnowflakeSinkConfig> {

  @Override
  public String type() {
    return "snowflake";
  }

  @Override
  public Class<SnowflakeSinkConfig> configType() {
    return SnowflakeSinkConfig.class;
  }

  @Override
  public Sink create(SnowflakeSinkConfig config, JobContext context) {
    return new SnowflakeSink(config, context);
  }
}
