package io.tributary.source.workday;

import io.tributary.auth.BasicAuth;
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

/** Builds the {@code workday} source: custom reports (RaaS) read as an ISU (Basic) or with an OAuth refresh token. */
@Component
public class WorkdaySourceProvider extends PluginProvider<WorkdayConfig, Source>
    implements SourceProvider<WorkdayConfig> {

  public WorkdaySourceProvider() {
    super("workday", WorkdayConfig.class, WorkdaySourceProvider::source);
  }

  private static Source source(WorkdayConfig config, JobContext context) {
    if (config.host() == null || config.tenant() == null) {
      throw TributaryException.config("the workday source needs host and tenant",
          "set host: https://<services host>.workday.com and tenant: <tenant name> (both appear in the report's"
              + " web-service URL: Actions > Web Service > View URLs), or a sandbox: block to try the simulator");
    }
    return new WorkdaySource(config, auth(config, context));
  }

  static AuthProvider auth(WorkdayConfig config, JobContext context) {
    if (config.basic()) {
      if (config.password() == null) {
        throw TributaryException.config("the workday source has a username but no password",
            "set password: \"${env:WORKDAY_ISU_PASSWORD}\" (the Integration System User's password)");
      }
      return new BasicAuth(config.username(), config.password().resolve());
    }
    if (config.clientId() == null || config.clientSecret() == null || config.refreshToken() == null) {
      throw TributaryException.config("the workday source needs username + password (an Integration System User)"
          + " or client_id + client_secret + refresh_token (an API client)",
          "set username: ISU_Tributary@<tenant> and password: \"${env:WORKDAY_ISU_PASSWORD}\"");
    }
    return new RefreshTokenAuth(TokenEndpoint.create("workday-oauth", URI.create(config.tokenUrlOrDefault())),
        config.clientId(), config.clientSecret().resolve(), ClientAuthMethod.CLIENT_SECRET_BASIC,
        config.refreshToken().resolve(), new FileRefreshTokenStore(context.resolve(".tributary/tokens")),
        "workday-" + config.tenant() + "-" + config.clientId());
  }
}
