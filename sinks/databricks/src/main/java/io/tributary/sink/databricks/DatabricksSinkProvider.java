package io.tributary.sink.databricks;

import io.tributary.core.PluginProvider;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the Databricks sink for jobs whose {@code sink:} block says {@code type: databricks}. */
@Component
public class DatabricksSinkProvider extends PluginProvider<DatabricksSinkConfig, Sink>
    implements SinkProvider<DatabricksSinkConfig> {

  public DatabricksSinkProvider() {
    super("databricks", DatabricksSinkConfig.class, DatabricksSink::new);
  }
}
