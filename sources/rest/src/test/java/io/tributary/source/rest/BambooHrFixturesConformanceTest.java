package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The vendor's own "Get Changed Employee IDs" sample (../shared/fixtures/bamboohr), served byte for byte, read
 * through the shipped bamboohr definition: every entry becomes a record, the Deleted one a delete, and the sample's
 * {@code latest} the watermark. Skips with a message where the fixtures folder is absent (a user's clone).
 */
@Tag("sandbox")
class BambooHrFixturesConformanceTest {

  private static final Path FIXTURES = Path.of(System.getProperty("tributary.fixtures", "../shared/fixtures"),
      "bamboohr");

  @Test
  void theDocumentedChangedFeedSampleReadsAsFourRecordsOneDeleted() throws Exception {
    Path sample = FIXTURES.resolve("doc_employees_changed_since_response.json");
    assumeTrue(Files.exists(sample), FIXTURES + " is absent (a clone without ../shared): fixture conformance skipped");
    byte[] body = Files.readAllBytes(sample);
    List<String> asked = new ArrayList<>();
    HttpServer stub = ShippedSources.serve(body, asked);
    try (Source source = ShippedSources.create("bamboohr.yml", Map.of("base_url", "http://127.0.0.1:"
        + stub.getAddress().getPort() + "/api/gateway.php", "company_domain", "acme"), Map.of("api_key", "k"))) {
      List<Page> pages = ShippedSources.pages(source, ShippedSources.stream("employee_changes", List.of("id"),
          List.of("lastChanged"), null), Cursor.START, 100);
      List<String> read = new ArrayList<>();
      for (SourceRecord r : ShippedSources.records(pages)) {
        read.add(r.fields().get("id") + " " + r.fields().get("action") + " " + r.deleted());
      }
      assertThat(read).containsExactly("3 Inserted false", "4 Updated false", "5 Deleted true", "10 Inserted false");
      assertThat(pages.get(pages.size() - 1).watermark())
          .isEqualTo(Cursor.of("lastChanged", "2011-06-02T19:26:23+00:00"));
      // The definition's first bound, URL-encoded, as the notes say it must be.
      assertThat(asked).containsExactly("/api/gateway.php/acme/v1/employees/changed?since=2011-06-01T00%3A00%3A00Z"
          + " application/json");
    } finally {
      stub.stop(0);
    }
  }
}
