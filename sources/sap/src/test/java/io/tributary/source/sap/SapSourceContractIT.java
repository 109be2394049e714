package io.tributary.source.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.sap.SapRoutes;
import io.tributary.sandbox.sap.SapSandbox;
import io.tributary.source.SourceContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shared source contract against the SAP simulator: A_SalesOrder, 2,500 rows, server pages of 100, OAuth 2.0
 * client credentials (so the expired-token case is real). A basic-auth read is checked separately below.
 */
@Tag("sandbox")
class SapSourceContractIT extends SourceContract {

  @Override
  protected SandboxPlatform platform() {
    return SapSandbox.platform();
  }

  /** The simulator's page size (100) is below the request's $top (500), so the server cuts every page short. */
  @Override
  protected SandboxOptions configure(SandboxOptions options) {
    return options.withSetting("sap.page-size", "100");
  }

  @Override
  protected String object() {
    return "A_SalesOrder";
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return SapTestSources.oauth(sandbox);
  }

  @Override
  protected StreamConfig stream() {
    return SapTestSources.stream("A_SalesOrder", List.of("SalesOrder"), List.of("LastChangeDateTime"), Map.of());
  }

  @Override
  protected StreamConfig brokenStream() {
    return SapTestSources.stream("A_SalesOrder", List.of("SalesOrder"), List.of(),
        Map.of("change_field", "LastChangeDateTim"));
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return String.valueOf(record.fields().get("SalesOrder"));
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return sandbox.dataset().rows("A_SalesOrder").filter(r -> !r.deleted())
        .map(r -> Long.toString(10_000_000L + r.index())).collect(Collectors.toSet());
  }

  @Test
  void basicAuthReadsTheSameRecordsAndReportsTheStringCount() {
    try (SandboxServer sandbox = start(rows(), "none");
        SapSource source = SapTestSources.basic(sandbox)) {
      List<Page> pages = SapTestSources.pages(source, SapTestSources.request("A_SalesOrder", Map.of(),
          List.of("LastChangeDateTime"), Cursor.START));
      assertThat(pages).hasSize(25);
      // One request per page: pages 2..25 were queried again after the last key read, never by __next's offset.
      SapRoutes routes = sandbox.routes(SapRoutes.class);
      assertThat(routes.pages()).isEqualTo(25);
      assertThat(routes.skiptokenPages()).isZero();
      assertThat(pages.get(0).reportedTotal()).isEqualTo(rows());
      assertThat(SapTestSources.records(pages).stream().map(this::keyOf).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(expectedKeys(sandbox));
    }
  }

  @Test
  void wrongBasicPasswordFailsFastAsAuth() {
    try (SandboxServer sandbox = start(10, "none");
        SapSource source = SapSource.create(SapTestSources.root(sandbox), SapODataVersion.V2, null,
            new io.tributary.auth.BasicAuth("TRIBUTARY_COMM_USER", "wrong"), SapTestSources.FAST_RETRY)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(source::check)
          .isInstanceOf(io.tributary.core.TributaryException.class)
          .satisfies(e -> assertThat(((io.tributary.core.TributaryException) e).kind())
              .isEqualTo(io.tributary.core.TributaryException.Kind.AUTH));
    }
  }
}
