package io.tributary.sink.bigquery;

import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import org.springframework.stereotype.Component;

/** Builds the BigQuery sink for jobs whose {@code sink:} block says {@code type: bigquery}. */
@Component
public class BigQuerySinkProvider implements SinkProvider<BigQuerySinkConfig> {

  @Override
  public String type() {
    return "bigquery";
  }

  @Override
  public Class<BigQuerySinkConfig> configType() {
    return BigQuerySinkConfig.class;
  }

  @Override
  public Sink create(BigQuerySinkConfig config, JobContext context) {
    return new BigQuerySink(config, context);
  }
}
