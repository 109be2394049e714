package io.tributary.source.sap;

import io.tributary.auth.BasicAuth;
import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.ClientCredentialsAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.JobContext;
import io.tributary.core.PluginProvider;
import io.tributary.core.SecretRef;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import io.tributary.http.AuthProvider;
import java.net.URI;
import org.springframework.stereotype.Component;

/** {@code source.type: sap}. */
@Component
public final class SapSourceProvider extends PluginProvider<SapConfig, Source> implements SourceProvider<SapConfig> {

  public SapSourceProvider() {
    super("sap", SapConfig.class, SapSourceProvider::source);
  }

  private static Source source(SapConfig config, JobContext context) {
    URI root = SapClient.serviceRoot(config.baseUrl());
    return SapSource.create(root, SapODataVersion.parse(config.odataVersion()), config.sapClient(), auth(config),
        config.http());
  }

  private static AuthProvider auth(SapConfig c) {
    if (c.oauth()) {
      if (c.tokenUrl() == null || c.tokenUrl().isBlank()) {
        throw TributaryException.config("source.token_url is required with client_id/client_secret",
            "set it to the OAuth 2.0 token endpoint, for example https://host/sap/bc/sec/oauth2/token (on-premise)"
                + " or the XSUAA url + /oauth/token (BTP)");
      }
      return oauth(URI.create(c.tokenUrl()), secret(c.clientId(), "client_id"),
          secret(c.clientSecret(), "client_secret"), c.scope());
    }
    if (c.user() == null || c.user().isBlank()) {
      throw TributaryException.config("SAP needs credentials: source.user and source.password, or client_id,"
          + " client_secret and token_url", "use the communication user of the communication arrangement"
          + " (S/4HANA Cloud) or a technical user with the service's authorization role (on-premise)");
    }
    return new BasicAuth(c.user(), secret(c.password(), "password"));
  }

  static AuthProvider oauth(URI tokenUri, String clientId, String clientSecret, String scope) {
    return new ClientCredentialsAuth(TokenEndpoint.create("sap", tokenUri), clientId, clientSecret, scope,
        ClientAuthMethod.CLIENT_SECRET_BASIC);
  }

  private static String secret(SecretRef ref, String field) {
    if (ref == null) {
      throw TributaryException.config("source." + field + " is required for SAP",
          "reference it as ${env:SAP_" + field.toUpperCase(java.util.Locale.ROOT) + "} or ${file:/run/secrets/...}");
    }
    return ref.resolve();
  }
}
