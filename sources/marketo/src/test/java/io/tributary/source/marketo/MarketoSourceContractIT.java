package io.tributary.source.marketo;

import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.config.StreamConfig;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.marketo.MarketoRecords;
import io.tributary.sandbox.marketo.MarketoSandbox;
import io.tributary.source.SourceContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;

/**
 * The shared source contract against the Marketo simulator: leads from 2024-01-01 to 2024-04-30 (four exports of
 * at most 31 days), 500 records per page. Its 429 and 5xx faults arrive as Marketo's 606 and 608/611 bodies with HTTP 200,
 * an expired token as 602.
 */
@Tag("sandbox")
class MarketoSourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return MarketoSandbox.platform();
  }

  @Override
  protected String object() {
    return MarketoRecords.LEADS;
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return MarketoTestSources.source(sandbox);
  }

  @Override
  protected StreamConfig stream() {
    return new StreamConfig("leads", null, List.of("id"), List.of(), "0s", null, null, null, null, null, null);
  }

  @Override
  protected StreamConfig brokenStream() {
    return new StreamConfig("leads", null, List.of("id"), List.of(), "0s", null, null,
        Map.of("fields", List.of("email", "no_such_field")), null, null, null);
  }

  /**
   * Leads spread over 116 days, so each of the four exports has rows: a {@code malformed} fault drawn on any call
   * corrupts the next file download, and with an empty last window a fault drawn late would find none.
   */
  @Override
  protected SandboxOptions configure(SandboxOptions options) {
    return options.withSetting("marketo.span_days", "116");
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return (String) record.fields().get("id");
  }

  /** Every live lead: the window ends after the last generated updatedAt. */
  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return sandbox.dataset().rows(MarketoRecords.LEADS).filter(r -> !r.deleted())
        .map(r -> Long.toString(r.index() + 1)).collect(Collectors.toSet());
  }
}
