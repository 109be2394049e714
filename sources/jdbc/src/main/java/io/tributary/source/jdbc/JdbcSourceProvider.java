package io.tributary.source.jdbc;

import io.tributary.core.PluginProvider;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import org.springframework.stereotype.Component;

/** Builds the {@code jdbc} source: PostgreSQL, MariaDB/MySQL and H2 through their JDBC drivers. */
@Component
public class JdbcSourceProvider extends PluginProvider<JdbcSourceConfig, Source>
    implements SourceProvider<JdbcSourceConfig> {

  public JdbcSourceProvider() {
    super("jdbc", JdbcSourceConfig.class, (config, context) -> {
      config.zone(); // fail at load, not at the first timestamp
      return new JdbcSource(config);
    });
  }
}
