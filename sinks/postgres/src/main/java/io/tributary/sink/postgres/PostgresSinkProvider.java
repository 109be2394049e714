package io.tributary.sink.postgres;

import io.tributary.core.PluginProvider;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the PostgreSQL sink for jobs whose {@code sink:} block says {@code type: postgres}. */
@Component
public class PostgresSinkProvider extends PluginProvider<PostgresSinkConfig, Sink>
    implements SinkProvider<PostgresSinkConfig> {

  public PostgresSinkProvider() {
    super("postgres", PostgresSinkConfig.class, PostgresSink::new);
  }
}
