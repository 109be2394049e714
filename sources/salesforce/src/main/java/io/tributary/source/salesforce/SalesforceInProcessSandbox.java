package io.tributary.source.salesforce;

import io.tributary.auth.ClientAuthMethod;
import io.tributary.auth.ClientCredentialsAuth;
import io.tributary.auth.OAuthTokenFlow;
import io.tributary.core.Source;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.salesforce.SalesforceSandbox;
import io.tributary.sandbox.salesforce.SalesforceSandboxSettings;
import java.util.Map;

/**
 * Starts the Salesforce simulator in this process for a job's {@code sandbox:} block and points a source at it with
 * the simulator's client-credentials app. The simulator's credentials are fixed, public test values, so they go to the
 * auth flow directly; everything a job file sets still follows the secret-reference rule.
 */
final class SalesforceInProcessSandbox {

  private SalesforceInProcessSandbox() {}

  static Source start(SalesforceConfig config) {
    SalesforceSandboxConfig sb = config.sandbox();
    SandboxOptions options = SandboxOptions.defaults().withPlatform(SalesforceSandbox.platform())
        .withRows(sb.rows() == null ? 1000 : sb.rows());
    if (sb.seed() != null) {
      options = options.withSeed(sb.seed());
    }
    if (sb.faults() != null && !sb.faults().isBlank()) {
      options = options.withFaults(sb.faults());
    }
    if (sb.batchSize() != null) {
      options = options.withSetting(SalesforceSandboxSettings.PREFIX + "batch-size", sb.batchSize().toString());
    }
    if (sb.objects() != null) {
      for (Map.Entry<String, Long> e : sb.objects().entrySet()) {
        options = options.withRows(e.getKey(), e.getValue());
      }
    }
    SandboxServer server = SandboxServer.start(options);
    SalesforceSandboxSettings creds = SalesforceSandboxSettings.from(options);
    SalesforceConfig pointed = pointedAt(config, server);
    return new SalesforceSource(pointed, () -> login(pointed, creds), server);
  }

  /** The job's config with the login host replaced by the running simulator's. */
  static SalesforceConfig pointedAt(SalesforceConfig config, SandboxServer server) {
    return new SalesforceConfig(null, server.baseUrl(), config.apiVersion(), config.bulkThreshold(),
        config.bulkPageSize(), config.quotaStopShare(), config.http(), null);
  }

  /** The simulator's connected app (fixed test values, not secrets), with the job's http overrides. */
  static OAuthTokenFlow login(SalesforceConfig pointed, SalesforceSandboxSettings creds) {
    return new ClientCredentialsAuth(SalesforceLogin.endpoint(pointed), creds.clientId(), creds.clientSecret(), null,
        ClientAuthMethod.CLIENT_SECRET_POST);
  }
}
