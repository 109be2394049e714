package io.tributary.sink.snowflake;

import io.tributary.core.PluginProvider;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the Snowflake sink for jobs whose {@code sink:} block says {@code type: snowflake}. */
@Component
public class SnowflakeSinkProvider extends PluginProvider<SnowflakeSinkConfig, Sink>
    implements SinkProvider<SnowflakeSinkConfig> {

  public SnowflakeSinkProvider() {
    super("snowflake", SnowflakeSinkConfig.class, SnowflakeSink::new);
  }
}
