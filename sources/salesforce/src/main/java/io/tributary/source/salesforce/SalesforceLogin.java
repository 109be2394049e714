package io.tributary.source.salesforce;

import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.ClientCredentialsAuth;
import io.tributary.auth.FileRefreshTokenStore;
import io.tributary.auth.JwtBearerAuth;
import io.tributary.auth.OAuthTokenFlow;
import io.tributary.auth.PemKeys;
import io.tributary.auth.RefreshTokenAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import io.tributary.http.HttpSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Builds the OAuth flow of a Salesforce source from its {@code auth:} block: JWT bearer, client credentials or refresh
 * token, against {@code <login host>/services/oauth2/token}. Secrets are resolved here, once, and go straight into the
 * flow.
 */
final class SalesforceLogin {

  static final List<String> TYPES = List.of("jwt_bearer", "client_credentials", "refresh_token");

  private SalesforceLogin() {}

  static OAuthTokenFlow flow(SalesforceConfig config) {
    SalesforceAuthConfig auth = config.auth();
    if (auth == null) {
      throw TributaryException.config("source.auth is missing",
          "add an auth: block (type: jwt_bearer, client_id, username, private_key) or a sandbox: block to try the"
              + " in-process simulator");
    }
    TokenEndpoint endpoint = endpoint(config);
    return switch (auth.type()) {
      case "jwt_bearer" -> new JwtBearerAuth(endpoint, required(auth.clientId(), "client_id"),
          required(auth.username(), "username"), config.jwtAudience(),
          PemKeys.rsaPrivateKey(secret(auth.privateKey(), "private_key")));
      case "client_credentials" -> new ClientCredentialsAuth(endpoint, required(auth.clientId(), "client_id"),
          secret(auth.clientSecret(), "client_secret"), null, ClientAuthMethod.CLIENT_SECRET_POST);
      case "refresh_token" -> new RefreshTokenAuth(endpoint, required(auth.clientId(), "client_id"),
          auth.clientSecret() == null ? null : auth.clientSecret().resolve(), ClientAuthMethod.CLIENT_SECRET_POST,
          secret(auth.refreshToken(), "refresh_token"),
          new FileRefreshTokenStore(Path.of(auth.tokenStoreDir() == null ? ".tributary/tokens" : auth.tokenStoreDir())),
          "salesforce-" + auth.clientId().replaceAll("[^A-Za-z0-9._-]", "_"));
      default -> throw TributaryException.config("source.auth.type '" + auth.type() + "' is not supported",
          io.tributary.core.NameSuggester.didYouMean(auth.type(), TYPES) + "use one of " + TYPES);
    };
  }

  /** {@code <login host>/services/oauth2/token} with the job's http overrides (4 attempts unless overridden). */
  static TokenEndpoint endpoint(SalesforceConfig config) {
    URI tokenUri = URI.create(config.loginUrl() + "/services/oauth2/token");
    Map<String, Object> overrides = new java.util.LinkedHashMap<>(config.httpOverrides());
    overrides.remove("quota_stop_share");
    return TokenEndpoint.create(HttpSettings.defaults("salesforce", tokenUri)
        .withRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(20)).withOverrides(overrides), tokenUri);
  }

  private static String required(String value, String key) {
    if (value == null || value.isBlank()) {
      throw TributaryException.config("source.auth." + key + " is missing",
          "set it: it is the connected app's consumer key (client_id) or the integration user's login (username)");
    }
    return value;
  }

  private static String secret(SecretRef ref, String key) {
    if (ref == null) {
      throw TributaryException.config("source.auth." + key + " is missing",
          "set it to a secret reference such as \"${env:SF_" + key.toUpperCase() + "}\" or \"${file:/run/secrets/"
              + key + "}\"");
    }
    return ref.resolve();
  }
}
