package io.tributary.source.hubspot;

import io.tributary.auth.BearerTokenAuth;
import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.FileRefreshTokenStore;
import io.tributary.auth.RefreshTokenAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import io.tributary.http.AuthProvider;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import java.net.URI;
import org.springframework.stereotype.Component;

/** Builds the {@code hubspot} source: a private app token, OAuth with refresh, or the in-process sandbox. */
@Component
public class HubSpotSourceProvider implements SourceProvider<HubSpotConfig> {

  @Override
  public String type() {
    return "hubspot";
  }

  @Override
  public Class<HubSpotConfig> configType() {
    return HubSpotConfig.class;
  }

  @Override
  public Source create(HubSpotConfig config, JobContext context) {
    if (config.sandbox() != null) {
      HubSpotConfig.Sandbox sb = config.sandbox();
      SandboxOptions options = SandboxOptions.defaults().withPlatform(HubSpotSandbox.platform())
          .withRows(sb.rows() == null ? 5_000 : sb.rows()).withFaults(sb.faults())
          .withSeed(sb.seed() == null ? 42 : sb.seed())
          .withSetting("hubspot.custom_properties", String.valueOf(sb.customProperties() == null ? 2
              : sb.customProperties()));
      SandboxServer server = SandboxServer.start(options);
      return new HubSpotSource(config, URI.create(server.baseUrl()),
          new BearerTokenAuth(HubSpotSandboxSettings.PRIVATE_APP_TOKEN), server);
    }
    URI base = URI.create(config.baseUrlOrDefault());
    return new HubSpotSource(config, base, auth(config, context), null);
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
