package io.tributary.source.salesforce;

import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import org.springframework.stereotype.Component;

/** Builds the {@code salesforce} source from its login host and {@code auth:} block. */
@Component
public class SalesforceSourceProvider implements SourceProvider<SalesforceConfig> {

  @Override
  public String type() {
    return "salesforce";
  }

  @Override
  public Class<SalesforceConfig> configType() {
    return SalesforceConfig.class;
  }

  @Override
  public Source create(SalesforceConfig config, JobContext context) {
    config.apiVersionOrDefault(); // fail at load, not at the first call
    if (config.auth() == null) {
      SalesforceLogin.flow(config); // throws the "auth is missing" config error with its hint
    }
    return new SalesforceSource(config, () -> SalesforceLogin.flow(config));
  }
}
