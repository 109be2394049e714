package io.tributary.source.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.netsuite.NetSuiteRoutes;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import io.tributary.sandbox.netsuite.NetSuiteSandboxSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One concurrency budget per account across sources and streams; concurrency errors are retried, however worded. */
@Tag("sandbox")
class NetSuiteConcurrencyIT {

  private static final List<String> STREAMS = List.of("customers", "transactions", "transaction_lines");

  @Test
  void twoSourcesOfOneAccountShareItsLimit() throws Exception {
    try (SandboxServer sandbox = start("CONCA", 5, "429")) {
      NetSuiteSandboxSettings s = NetSuiteSandboxSettings.from(sandbox.options());
      List<Integer> counts = readInParallel(List.of(NetSuiteTestSources.source(sandbox, s, 5),
          NetSuiteTestSources.source(sandbox, s, 5)));
      NetSuiteRoutes routes = sandbox.routes(NetSuiteRoutes.class);
      assertThat(routes.concurrencyRejections()).isZero();
      assertThat(routes.peakInFlight()).isBetween(2, 5);
      assertThat(counts).containsExactlyElementsOf(expected(sandbox));
    }
  }

  @Test
  void concurrencyErrorsWordedAsLoginFailuresAreRetried() throws Exception {
    try (SandboxServer sandbox = start("CONCB", 2, "login")) {
      NetSuiteSandboxSettings s = NetSuiteSandboxSettings.from(sandbox.options());
      // This process believes it may run 6 at once; the account allows 2 and says "Invalid login attempt".
      // Whether more than 2 queries overlap depends on scheduling: on a loaded machine 12 readers can happen to
      // take turns, so the read is repeated (each time exact) until the account has refused at least one query.
      NetSuiteRoutes routes = sandbox.routes(NetSuiteRoutes.class);
      for (int attempt = 0; attempt < 5 && routes.concurrencyRejections() == 0; attempt++) {
        List<Integer> counts = readInParallel(List.of(NetSuiteTestSources.source(sandbox, s, 6),
            NetSuiteTestSources.source(sandbox, s, 6)));
        assertThat(counts).containsExactlyElementsOf(expected(sandbox));
      }
      assertThat(routes.concurrencyRejections()).as("queries the account refused as 'Invalid login attempt'")
          .isPositive();
    }
  }

  private static SandboxServer start(String account, int limit, String wording) {
    // 8 server threads: more than the limit, so only the client's shared budget keeps requests at 5.
    return SandboxServer.start(SandboxOptions.parse("--threads=8").withPlatform(NetSuiteSandbox.platform()).withRows(1_500)
        .withSetting("netsuite.account", account).withSetting("netsuite.concurrency", Integer.toString(limit))
        .withSetting("netsuite.concurrency-error", wording));
  }

  /** Each source reads every stream, all six at once; returns the record counts in submission order. */
  private static List<Integer> readInParallel(List<NetSuiteSource> sources) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(sources.size() * STREAMS.size());
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (NetSuiteSource source : sources) {
        for (String stream : STREAMS) {
          String key = stream.equals("transaction_lines") ? "uniquekey" : "id";
          futures.add(pool.submit(() -> {
            List<SourceRecord> r = NetSuiteTestSources.records(NetSuiteTestSources.pages(source,
                NetSuiteTestSources.request(stream, List.of(key), List.of(), Cursor.START, 50)));
            return r.size();
          }));
        }
      }
      List<Integer> counts = new ArrayList<>();
      for (Future<Integer> f : futures) {
        counts.add(f.get());
      }
      return counts;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Integer> expected(SandboxServer sandbox) {
    var records = new io.tributary.sandbox.netsuite.NetSuiteRecords(sandbox.dataset(),
        NetSuiteSandboxSettings.from(sandbox.options()).timezone());
    int customers = 1_500;
    int transactions = (int) sandbox.dataset().rows("transaction")
        .map(r -> records.values("transaction", r).get("type"))
        .filter(t -> t.equals("CustInvc") || t.equals("SalesOrd")).count();
    int lines = 1_500;
    return List.of(customers, transactions, lines, customers, transactions, lines);
  }
}
