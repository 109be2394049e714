package io.tributary.source.marketo;

import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import java.net.URI;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Builds the {@code marketo} source: a LaunchPoint custom service's client credentials. */
@Component
public class MarketoSourceProvider implements SourceProvider<MarketoConfig> {

  @Override
  public String type() {
    return "marketo";
  }

  @Override
  public Class<MarketoConfig> configType() {
    return MarketoConfig.class;
  }

  @Override
  public Source create(MarketoConfig config, JobContext context) {
    return create(config, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  static MarketoSource create(MarketoConfig config, Clock clock, MarketoExportJobs.Sleeper sleeper) {
    if (config.clientId() == null || config.clientSecret() == null) {
      throw TributaryException.config("the marketo source has no client_id or client_secret",
          "set source.client_id and source.client_secret: \"${env:MARKETO_CLIENT_SECRET}\" from Admin > Integration"
              + " > LaunchPoint > View Details, or add a sandbox: block to try the simulator");
    }
    config.start();
    URI base = URI.create(config.base());
    MarketoIdentity identity = new MarketoIdentity(URI.create(config.identity()), config.clientId(),
        config.clientSecret().resolve(), config.httpOrEmpty(), clock);
    MarketoClient client = new MarketoClient(base, identity, config, clock);
    return new MarketoSource(config, client, identity,
        new MarketoExportJobs(client, config, clock, sleeper));
  }
}
