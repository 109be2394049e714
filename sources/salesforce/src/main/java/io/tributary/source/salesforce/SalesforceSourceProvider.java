package io.tributary.source.salesforce;

import io.tributary.core.PluginProvider;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import org.springframework.stereotype.Component;

/** Builds the {@code salesforce} source from its login host and {@code auth:} block. */
@Component
public class SalesforceSourceProvider extends PluginProvider<SalesforceConfig, Source>
    implements SourceProvider<SalesforceConfig> {

  public SalesforceSourceProvider() {
    super("salesforce", SalesforceConfig.class, (config, context) -> {
      config.apiVersionOrDefault(); // fail at load, not at the first call
      if (config.auth() == null) {
        SalesforceLogin.flow(config); // throws the "auth is missing" config error with its hint
      }
      return new SalesforceSource(config, () -> SalesforceLogin.flow(config));
    });
  }
}
