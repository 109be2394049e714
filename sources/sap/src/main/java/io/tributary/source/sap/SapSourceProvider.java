package io.tributary.source.sap;

import io.tributary.auth.BasicAuth;
import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.ClientCredentialsAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.JobContext;
import io.tributary.core.SecretRef;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import io.tributary.http.AuthProvider;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.sap.SapSandbox;
import io.tributary.sandbox.sap.SapSandboxSettings;
import java.net.URI;
import org.springframework.stereotype.Component;

/** {@code source.type: sap}. */
@Component
public final class SapSourceProvider implements SourceProvider<SapConfig> {

  @Override
  public String type() {
    return "sap";
  }

  @Override
  public Class<SapConfig> configType() {
    return SapConfig.class;
  }

  @Override
  public Source create(SapConfig config, JobContext context) {
    if (config.sandbox() != null) {
      return sandbox(config);
    }
    URI root = SapClient.serviceRoot(config.baseUrl());
    return SapSource.create(root, SapODataVersion.parse(config.odataVersion()), config.sapClient(), auth(config),
        config.http(), null);
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

  private static Source sandbox(SapConfig config) {
    SapConfig.Sandbox s = config.sandbox();
    SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPlatform(SapSandbox.platform())
        .withRows(s.rows() == null ? 5_000 : s.rows())
        .withFaults(s.faults() == null ? "none" : s.faults())
        .withSeed(s.seed() == null ? 42 : s.seed()));
    SapSandboxSettings sap = SapSandboxSettings.from(server.options());
    URI root = URI.create(server.baseUrl() + SapSandboxSettings.ROOT + "/");
    AuthProvider auth = "oauth".equalsIgnoreCase(s.auth())
        ? oauth(URI.create(server.baseUrl() + SapSandboxSettings.TOKEN_PATH), sap.clientId(), sap.clientSecret(), null)
        : new BasicAuth(sap.user(), sap.password());
    return SapSource.create(root, SapODataVersion.V2, null, auth, config.http(), server);
  }

  private static String secret(SecretRef ref, String field) {
    if (ref == null) {
      throw TributaryException.config("source." + field + " is required for SAP",
          "reference it as ${env:SAP_" + field.toUpperCase(java.util.Locale.ROOT) + "} or ${file:/run/secrets/...}");
    }
    return ref.resolve();
  }
}
