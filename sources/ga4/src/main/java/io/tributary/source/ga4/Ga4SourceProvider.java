package io.tributary.source.ga4;

import io.tributary.core.JobContext;
import io.tributary.core.PluginProvider;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import org.springframework.stereotype.Component;

/** Builds the {@code ga4} source: a GA4 property read with a service account's JSON key. */
@Component
public class Ga4SourceProvider extends PluginProvider<Ga4Config, Source> implements SourceProvider<Ga4Config> {

  public Ga4SourceProvider() {
    super("ga4", Ga4Config.class, Ga4SourceProvider::source);
  }

  private static Source source(Ga4Config config, JobContext context) {
    if (config.propertyId() == null || config.credentialsJson() == null) {
      throw TributaryException.config("the ga4 source needs property_id and credentials_json",
          "set property_id: 123456789 (Admin > Property settings) and credentials_json:"
              + " \"${file:/run/secrets/ga4-service-account.json}\" (the service account's JSON key), or a sandbox:"
              + " block to try the simulator");
    }
    return new Ga4Source(config, Ga4ServiceAccountAuth.fromKeyFile(config.credentialsJson().resolve(),
        config.tokenUrl()));
  }
}
