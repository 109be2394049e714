package io.tributary.source.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.netsuite.NetSuiteRoutes;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 250,000-row customer table read completely although SuiteQL stops every query at 100,000 results: the
 * simulator refuses offsets at or past the cap with NetSuite's 400, and the reader re-queries by key.
 */
@Tag("sandbox")
class NetSuitePastTheCapIT {

  static final int ROWS = 250_000;
  static SandboxServer sandbox;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(NetSuiteSandbox.platform()).withRows(10)
        .withRows("customer", ROWS));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void theSimulatorEnforcesTheCap() {
    NetSuiteClient client = new NetSuiteClient(httpOf(), NetSuiteConcurrency.forAccount("TSTDRV123", 5));
    assertThat(client.query("SELECT id FROM customer ORDER BY id", 1000, 99_000).items()).hasSize(1000);
    assertThatThrownBy(() -> client.query("SELECT id FROM customer ORDER BY id", 1000, 100_000))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("100,000")
        .satisfies(e -> assertThat(((TributaryException) e).kind()).isEqualTo(TributaryException.Kind.CONFIG));
    assertThatThrownBy(() -> client.query("SELECT id FROM customer ORDER BY id", 1000, 500))
        .hasMessageContaining("multiple of the limit");
  }

  @Test
  void aFullReadInKeyOrderGetsEveryRowOnce() {
    assertEveryRowOnce(List.of());
  }

  @Test
  void aReadInModifiedOrderGetsEveryRowOnce() {
    assertEveryRowOnce(List.of("lastmodifieddate"));
  }

  private void assertEveryRowOnce(List<String> cursor) {
    long before = sandbox.routes(NetSuiteRoutes.class).queries();
    List<Page> pages = NetSuiteTestSources.pages(NetSuiteTestSources.source(sandbox),
        NetSuiteTestSources.request("customers", List.of("id"), cursor, Cursor.START, 1000));
    BitSet seen = new BitSet(ROWS + 1);
    long n = 0;
    for (Page p : pages) {
      for (SourceRecord r : p.records()) {
        long id = (Long) r.fields().get("id");
        assertThat(seen.get((int) id)).as("id %d read twice", id).isFalse();
        seen.set((int) id);
        n++;
      }
    }
    assertThat(n).isEqualTo(ROWS);
    assertThat(seen.nextClearBit(1)).isEqualTo(ROWS + 1);
    assertThat(pages.get(0).reportedTotal()).isEqualTo(ROWS);
    assertThat(sandbox.routes(NetSuiteRoutes.class).queries() - before).isEqualTo(ROWS / 1000);
  }

  private static io.tributary.http.ResilientHttpClient httpOf() {
    var s = io.tributary.sandbox.netsuite.NetSuiteSandboxSettings.defaults();
    return io.tributary.http.ResilientHttpClient.builder(io.tributary.http.HttpSettings.defaults("netsuite",
            java.net.URI.create(sandbox.baseUrl())))
        .auth(new io.tributary.auth.OAuth1Auth(new io.tributary.auth.OAuth1Credentials(s.consumerKey(),
            s.consumerSecret(), s.tokenId(), s.tokenSecret(), s.account())))
        .classifier(new NetSuiteErrors()).build();
  }
}
