package io.tributary.source.salesforce;

import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.ClientCredentialsAuth;
import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.salesforce.SalesforceSandboxSettings;
import io.tributary.sandbox.salesforce.SalesforceSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds Salesforce sources against a running simulator, with short backoffs, and reads its ground truth. */
final class SalesforceTestSources {

  /** Short backoffs and a few more attempts: the simulator's faults are dense on purpose. */
  static final Map<String, Object> FAST_HTTP = Map.of("initial_backoff", "20ms", "max_backoff", "200ms",
      "max_attempts", 10, "circuit_minimum_calls", 1000);

  /** A short first poll: these tests wait for the simulator's assumed processing time, not for a real org's. */
  static final String FIRST_POLL = "100ms";

  private SalesforceTestSources() {}

  /** A source logging in with the simulator's connected app (client credentials), as a sandbox: block does. */
  static Source source(SandboxServer sandbox, Long bulkThreshold, Integer bulkPageSize) {
    SalesforceConfig config = new SalesforceConfig(null, sandbox.baseUrl(), "62.0", bulkThreshold, bulkPageSize,
        FIRST_POLL, null, FAST_HTTP);
    SalesforceSandboxSettings creds = SalesforceSandboxSettings.from(sandbox.options());
    return new SalesforceSource(config, () -> new ClientCredentialsAuth(SalesforceLogin.endpoint(config),
        creds.clientId(), creds.clientSecret(), null, ClientAuthMethod.CLIENT_SECRET_POST));
  }

  static StreamConfig stream(String object, Map<String, Object> options) {
    return new StreamConfig(object, null, List.of("Id"), List.of("SystemModstamp"), null, null, null, options, null,
        null, null);
  }

  static Map<String, Object> options(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Ids of the rows a query (not queryAll) returns: every row not deleted. */
  static Set<String> liveIds(SandboxServer sandbox, String object) {
    var type = SalesforceSchema.object(object);
    return sandbox.dataset().rows(type.name()).filter(r -> !r.deleted()).map(r -> type.id(r.index()))
        .collect(Collectors.toSet());
  }
}
