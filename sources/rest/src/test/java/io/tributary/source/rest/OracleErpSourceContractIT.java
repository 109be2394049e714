package io.tributary.source.rest;

import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.oracleerp.OracleErpCatalog;
import io.tributary.sandbox.oracleerp.OracleErpSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandboxSettings;
import io.tributary.source.SourceContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;

/** The shared source contract for the oracle_erp definition on its invoices stream (offset, limit, hasMore). */
@Tag("sandbox")
class OracleErpSourceContractIT extends SourceContract {

  static Source source(SandboxServer sandbox, String password) {
    OracleErpSandboxSettings s = OracleErpSandboxSettings.defaults();
    return ShippedSources.create("oracle_erp.yml", Map.of("base_url", sandbox.baseUrl() + OracleErpSandboxSettings.ROOT,
        "username", s.user()), Map.of("password", password));
  }

  @Override
  protected SandboxPlatform platform() {
    return OracleErpSandbox.platform();
  }

  @Override
  protected String object() {
    return "invoices";
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return source(sandbox, OracleErpSandboxSettings.defaults().password());
  }

  @Override
  protected StreamConfig stream() {
    return ShippedSources.stream("invoices", List.of("InvoiceId"), List.of("LastUpdateDate"), null);
  }

  /** An attribute the resource does not have: 400 with the ADF error payload, a CONFIG error with the fix. */
  @Override
  protected StreamConfig brokenStream() {
    return ShippedSources.stream("invoices", List.of("InvoiceId"), List.of(),
        Map.of("query", Map.of("fields", "InvoiceId,NoSuchAttribute")));
  }

  /**
   * Pages of 100: 26 requests a read. The fault sequence of the contract's seed draws nothing under 20% in its first
   * 20 requests, so a 20% fault needs that many to fire.
   */
  @Override
  protected int pageSize() {
    return 100;
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return String.valueOf(record.fields().get("InvoiceId"));
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return sandbox.dataset().rows("invoices").filter(s -> !s.deleted())
        .map(s -> Long.toString(OracleErpCatalog.ID_BASE + s.index() + 1)).collect(Collectors.toSet());
  }
}
