package io.tributary.sink.bigquery;

import io.tributary.core.PluginProvider;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the BigQuery sink for jobs whose {@code sink:} block says {@code type: bigquery}. */
@Component
public class BigQuerySinkProvider extends PluginProvider<BigQuerySinkConfig, Sink>
    implements SinkProvider<BigQuerySinkConfig> {

  public BigQuerySinkProvider() {
    super("bigquery", BigQuerySinkConfig.class, BigQuerySink::new);
  }
}
