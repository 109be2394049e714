package io.tributary.sink.duckdb;

import io.tributary.core.PluginProvider;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the embedded DuckDB sink, the zero-setup default warehouse. */
@Component
public class DuckDbSinkProvider extends PluginProvider<DuckDbSinkConfig, Sink>
    implements SinkProvider<DuckDbSinkConfig> {

  public DuckDbSinkProvider() {
    super("duckdb", DuckDbSinkConfig.class, DuckDbSink::open);
  }
}
