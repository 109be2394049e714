package io.tributary.source.rest;

import io.tributary.auth.ApiKeyAuth;
import io.tributary.auth.BasicAuth;
import io.tributary.auth.BearerTokenAuth;
import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.ClientCredentialsAuth;
import io.tributary.auth.FileRefreshTokenStore;
import io.tributary.auth.JwtBearerAuth;
import io.tributary.auth.JwtUserAssertionAuth;
import io.tributary.auth.PemKeys;
import io.tributary.auth.RefreshTokenAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.JobContext;
import io.tributary.http.AuthProvider;
import io.tributary.source.rest.RestDefinition.AuthSpec;
import java.net.URI;

/** Builds the HTTP module's auth flow a definition names, with the job's values filled in. */
final class RestAuth {

  private RestAuth() {}

  static AuthProvider of(RestDefinition def, JobValues values, JobContext context) {
    AuthSpec a = values.auth();
    return switch (a.type()) {
      case NONE -> AuthProvider.NONE;
      case API_KEY -> a.header() != null ? ApiKeyAuth.header(a.header(), values.render(a.value()))
          : ApiKeyAuth.query(a.queryParam(), values.render(a.value()));
      case BASIC -> new BasicAuth(values.render(a.username()), a.password() == null ? ""
          : values.render(a.password()));
      case BEARER -> new BearerTokenAuth(values.render(a.token()));
      case OAUTH2_CLIENT_CREDENTIALS -> new ClientCredentialsAuth(endpoint(def, a, values),
          values.render(a.clientId()), values.render(a.clientSecret()), values.render(a.scope()), method(a));
      case OAUTH2_REFRESH_TOKEN -> new RefreshTokenAuth(endpoint(def, a, values), values.render(a.clientId()),
          values.render(a.clientSecret()), method(a), values.render(a.refreshToken()),
          new FileRefreshTokenStore(context.resolve(".tributary/tokens")), def.name() + "-"
              + values.render(a.clientId()));
      case OAUTH2_JWT_BEARER -> jwtBearer(def, a, values);
    };
  }

  /**
   * The JWT bearer grant: with a client secret or a scope, by a confidential client (an Oracle identity domain);
   * else as Salesforce's flow, the assertion alone.
   */
  private static AuthProvider jwtBearer(RestDefinition def, AuthSpec a, JobValues values) {
    String audience = values.render(a.audience() == null ? a.tokenUrl() : a.audience());
    java.security.PrivateKey key = PemKeys.rsaPrivateKey(values.render(a.privateKey()));
    if (a.clientSecret() == null && a.scope() == null) {
      return new JwtBearerAuth(endpoint(def, a, values), values.render(a.clientId()), values.render(a.subject()),
          audience, key);
    }
    return new JwtUserAssertionAuth(endpoint(def, a, values), values.render(a.clientId()),
        a.clientSecret() == null ? null : values.render(a.clientSecret()), method(a), values.render(a.subject()),
        audience, key, values.render(a.scope()), java.time.Clock.systemUTC());
  }

  private static TokenEndpoint endpoint(RestDefinition def, AuthSpec a, JobValues values) {
    return TokenEndpoint.create(def.name() + "-oauth", URI.create(values.render(a.tokenUrl())));
  }

  private static ClientAuthMethod method(AuthSpec a) {
    return "post".equalsIgnoreCase(a.clientAuth()) || "client_secret_post".equalsIgnoreCase(a.clientAuth())
        ? ClientAuthMethod.CLIENT_SECRET_POST : ClientAuthMethod.CLIENT_SECRET_BASIC;
  }
}
