package io.tributary.source.jdbc;

import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import org.springframework.stereotype.Component;

/** Builds the {@code jdbc} source: PostgreSQL, MariaDB/MySQL and H2 through their JDBC drivers. */
@Component
public class JdbcSourceProvider implements SourceProvider<JdbcSourceConfig> {

  @Override
  public String type() {
    return "jdbc";
  }

  @Override
  public Class<JdbcSourceConfig> configType() {
    return JdbcSourceConfig.class;
  }

  @Override
  public Source create(JdbcSourceConfig config, JobContext context) {
    config.zone(); // fail at load, not at the first timestamp
    return new JdbcSource(config);
  }
}
