package io.tributary.source.hubspot;

import io.tributary.auth.BearerTokenAuth;
import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.FileRefreshTokenStore;
import io.tributary.auth.RefreshTokenAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.JobContext;
import io.tributary.core.PluginProvider;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import io.tributary.http.AuthProvider;
import java.net.URI;
import org.springframework.stereotype.Component;

/** Builds the {@code hubspot} source: a private app token, or OAuth with refresh. */
@Component
public class HubSpotSourceProvider extends PluginProvider<HubSpotConfig, Source>
    implements SourceProvider<HubSpotConfig> {

  public HubSpotSourceProvider() {
    super("hubspot", HubSpotConfig.class,
        (config, context) -> new HubSpotSource(config, URI.create(config.baseUrlOrDefault()), auth(config, context)));
  }

  static AuthProvider auth(HubSpotConfig config, JobContext context) {
    if (config.accessToken() != null) {
      return new BearerTokenAuth(config.accessToken().resolve());
    }
    if (config.refreshToken() != null && config.clientId() != null && config.clientSecret() != null) {
      URI tokenUri = URI.create(config.tokenUrl() != null ? config.tokenUrl()
          : config.baseUrlOrDefault() + "/oauth/v1/token");
      String dir = config.tokenStoreDir() == null ? ".tributary/tokens" : config.tokenStoreDir();
      return new RefreshTokenAuth(TokenEndpoint.create("hubspot-oauth", tokenUri), config.clientId(),
          config.clientSecret().resolve(), ClientAuthMethod.CLIENT_SECRET_POST, config.refreshToken().resolve(),
          new FileRefreshTokenStore(context.resolve(dir)), "hubspot-" + config.clientId());
    }
    throw TributaryException.config("the hubspot source has no credentials",
        "set source.access_token: \"${env:HUBSPOT_TOKEN}\" (private app), or client_id, client_secret and"
            + " refresh_token (OAuth app), or a sandbox: block to try the simulator");
  }
}
