package io.tributary.source.hubspot;

import io.tributary.auth.BearerTokenAuth;
import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.FileRefreshTokenStore;
import io.tributary.auth.RefreshTokenAuth;
import io.tributary.auth.TokenEndpoint;
import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.http.AuthProvider;
import io.tributary.http.HttpSettings;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.hubspot.HubSpotCatalog;
import io.tributary.sandbox.hubspot.HubSpotRoutes;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Sources and streams against a HubSpot sandbox, shared by the HubSpot ITs. */
final class HubSpotTestSources {

  private HubSpotTestSources() {}

  /**
   * Without the client's own caps (4 searches a second, 90 calls per 10 s): they only make a test wait in real time.
   * The simulator still enforces HubSpot's limits on its clock, and a test that reads fast enough to meet them lets
   * simulated time pass instead (HubSpotSearchWindowsIT); HubSpotClientCapsIT shows the caps keep a client under them.
   */
  static HubSpotConfig config(String indexLag) {
    return new HubSpotConfig(null, null, null, null, null, null, null, indexLag, 0, 0,
        Map.of("initial_backoff", "50ms", "max_backoff", "2s"));
  }

  static Source privateApp(SandboxServer sandbox) {
    return new HubSpotSource(config("0s"), URI.create(sandbox.baseUrl()),
        new BearerTokenAuth(HubSpotSandboxSettings.PRIVATE_APP_TOKEN));
  }

  static Source oauth(SandboxServer sandbox) {
    try {
      Path dir = Files.createTempDirectory("hubspot-tokens");
      URI tokenUri = URI.create(sandbox.baseUrl() + "/oauth/v1/token");
      AuthProvider auth = new RefreshTokenAuth(TokenEndpoint.create(HttpSettings.defaults("hubspot-oauth", tokenUri)
          .withRetry(4, Duration.ofMillis(50), Duration.ofSeconds(1)), tokenUri), HubSpotSandboxSettings.CLIENT_ID,
          HubSpotSandboxSettings.CLIENT_SECRET, ClientAuthMethod.CLIENT_SECRET_POST,
          HubSpotSandboxSettings.REFRESH_TOKEN, new FileRefreshTokenStore(dir), "hubspot-test");
      return new HubSpotSource(config("0s"), URI.create(sandbox.baseUrl()), auth);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static StreamConfig stream(String name, List<String> cursor, Map<String, Object> options) {
    return new StreamConfig(name, null, List.of("id"), cursor, "0s", null, null, options, null, null, null);
  }

  static HubSpotCatalog.ObjectType type(SandboxServer sandbox, String object) {
    return sandbox.routes(HubSpotRoutes.class).records().catalog().object(object);
  }

  /** Ids of the rows that satisfy {@code filter}, from the sandbox's ground truth. */
  static Set<String> ids(SandboxServer sandbox, String object, java.util.function.Predicate<RowState> filter) {
    HubSpotCatalog.ObjectType t = type(sandbox, object);
    return sandbox.dataset().rows(object).filter(filter).map(r -> t.id(r.index())).collect(Collectors.toSet());
  }
}
