package io.tributary.source.dynamics;

import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.ClientCredentialsAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.core.JobContext;
import io.tributary.core.PluginProvider;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import io.tributary.http.AuthProvider;
import java.net.URI;
import org.springframework.stereotype.Component;

/** Builds the {@code dynamics365} source: Entra ID client credentials of an application user. */
@Component
public class DynamicsSourceProvider extends PluginProvider<DynamicsConfig, Source>
    implements SourceProvider<DynamicsConfig> {

  public DynamicsSourceProvider() {
    super("dynamics365", DynamicsConfig.class, DynamicsSourceProvider::source);
  }

  private static Source source(DynamicsConfig config, JobContext context) {
    if (config.orgUrl() == null || config.tenantId() == null || config.clientId() == null
        || config.clientSecret() == null) {
      throw TributaryException.config("the dynamics365 source needs org_url, tenant_id, client_id and client_secret",
          "set org_url: https://<org>.crm.dynamics.com, tenant_id, client_id and client_secret:"
              + " \"${env:DATAVERSE_CLIENT_SECRET}\" (an app registration added as an application user), or a"
              + " sandbox: block to try the simulator");
    }
    URI org = URI.create(config.orgUrlTrimmed());
    return new DynamicsSource(config, org, auth(org, config.authorityOrDefault(), config.tenantId(),
        config.clientId(), config.clientSecret().resolve()));
  }

  /** Client credentials against {@code <authority>/<tenant>/oauth2/v2.0/token} with scope {@code <org>/.default}. */
  static AuthProvider auth(URI org, String authority, String tenant, String clientId, String secret) {
    URI tokenUri = URI.create(authority.replaceAll("/+$", "") + "/" + tenant + "/oauth2/v2.0/token");
    String scope = org.toString().replaceAll("/+$", "") + "/.default";
    return new ClientCredentialsAuth(TokenEndpoint.create("dynamics365-entra", tokenUri), clientId, secret, scope,
        ClientAuthMethod.CLIENT_SECRET_POST);
  }
}
