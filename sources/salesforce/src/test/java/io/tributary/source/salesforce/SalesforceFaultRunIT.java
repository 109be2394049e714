package io.tributary.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.salesforce.SalesforceSandbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault equivalence: 200,000 Opportunities read with Bulk API 2.0 under {@code 429:5%,500:5%} with tokens expiring
 * after 60 s (the sandbox clock jumps 61 s every few pages) and one simulated process restart mid-results (a new source
 * resuming from the saved cursor) yield exactly the records of a fault-free run: same ids, same field values.
 */
@Tag("sandbox")
class SalesforceFaultRunIT {

  private static final long ROWS = 200_000;
  private static final int ENGINE_PAGE = 10_000;
  /** Results rows per request: large, yet enough requests (about 20 per run) for 10% faults to fire. */
  private static final int BULK_PAGE = 25_000;

  @Test
  void aFaultyRunYieldsExactlyTheRecordsOfAFaultFreeRun() {
    Map<String, String> clean = read("none", false);
    Map<String, String> faulty = read("429:5%,500:5%,expire-token-after:60s,retry-after:0s", true);
    assertThat(clean).hasSize((int) ROWS);
    assertThat(faulty).hasSize((int) ROWS);
    assertThat(faulty).isEqualTo(clean);
  }

  /** Id → every field of the record as text, read to the end. */
  private Map<String, String> read(String faults, boolean disturb) {
    Map<String, String> out = new HashMap<>();
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
        .withPlatform(SalesforceSandbox.platform()).withRows("Opportunity", ROWS).withFaults(faults).withSeed(7))) {
      Cursor cursor = Cursor.START;
      int pages = 0;
      boolean restarted = !disturb;
      while (true) {
        boolean done = false;
        try (Source source = SalesforceTestSources.source(sandbox, null, BULK_PAGE);
            StreamReader reader = source.open(request())) {
          while (true) {
            Page page = reader.read(cursor);
            for (SourceRecord r : page.records()) {
              assertThat(out.put((String) r.fields().get("Id"), r.fields().toString()))
                  .as("no record twice").isNull();
            }
            pages++;
            if (disturb && pages % 3 == 0) {
              sandbox.clock().advance(Duration.ofSeconds(61));
            }
            if (page.done()) {
              done = true;
              break;
            }
            cursor = page.next();
            if (!restarted && out.size() >= 50_000) {
              restarted = true;
              break; // a new process: fresh source, only the saved cursor survives
            }
          }
        }
        if (done) {
          break;
        }
      }
      if (disturb) {
        assertThat(sandbox.faultLog()).anyMatch(f -> f.equals("429") || f.equals("500"));
      }
    }
    return out;
  }

  private static ReadRequest request() {
    return new ReadRequest("Opportunity", SalesforceTestSources.options("mode", "bulk"), List.of("Id"),
        List.of("SystemModstamp"), Cursor.START, Duration.ZERO, ENGINE_PAGE);
  }
}
