package io.tributary.source.dynamics;

import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.dynamics.DynamicsCatalog;
import io.tributary.sandbox.dynamics.DynamicsSandboxSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Sources and streams against a Dataverse sandbox, shared by the Dynamics ITs. */
final class DynamicsTestSources {

  private DynamicsTestSources() {}

  static DynamicsConfig config(String formattedValues) {
    return new DynamicsConfig(null, null, null, null, null, null, null, formattedValues, 0,
        Map.of("initial_backoff", "50ms", "max_backoff", "2s"));
  }

  /** A source signing in at the sandbox's Entra ID token endpoint with client credentials. */
  static Source source(SandboxServer sandbox, String formattedValues) {
    URI org = URI.create(sandbox.baseUrl());
    return new DynamicsSource(config(formattedValues), org, DynamicsSourceProvider.auth(org, sandbox.baseUrl(),
        DynamicsSandboxSettings.TENANT_ID, DynamicsSandboxSettings.CLIENT_ID, DynamicsSandboxSettings.CLIENT_SECRET));
  }

  static StreamConfig stream(String table, List<String> cursor, Map<String, Object> options) {
    return new StreamConfig(table, null, List.of(primaryId(table)), cursor, "0s", null, null, options, null, null,
        null);
  }

  static String primaryId(String table) {
    return DynamicsCatalog.byLogicalName(table).primaryId();
  }

  /** Ids of the rows that satisfy {@code filter}, from the sandbox's ground truth. */
  static Set<String> ids(SandboxServer sandbox, String table, Predicate<RowState> filter) {
    DynamicsCatalog.Table t = DynamicsCatalog.byLogicalName(table);
    return sandbox.dataset().rows(table).filter(filter).map(r -> t.id(r.index())).collect(Collectors.toSet());
  }
}
