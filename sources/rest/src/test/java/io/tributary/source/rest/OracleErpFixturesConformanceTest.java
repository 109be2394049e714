package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.StreamReader;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recorded Oracle ERP Cloud collection responses in ../shared/fixtures/oracle_erp (none recorded yet: the test skips
 * with a message until the folder exists): each file with an {@code items} array, served unchanged as the invoices
 * collection, reads as exactly its items.
 */
@Tag("sandbox")
class OracleErpFixturesConformanceTest {

  private static final Path FIXTURES = Path.of(System.getProperty("tributary.fixtures", "../shared/fixtures"),
      "oracle_erp");

  @Test
  void everyRecordedCollectionReadsAsItsItems() throws Exception {
    assumeTrue(Files.isDirectory(FIXTURES), FIXTURES + " is absent (no Oracle ERP recordings, or a clone without"
        + " ../shared): fixture conformance skipped");
    List<Path> files;
    try (Stream<Path> s = Files.list(FIXTURES)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      JsonNode recorded = new ObjectMapper().readTree(f.toFile());
      if (!recorded.path("items").isArray()) {
        continue;
      }
      List<String> asked = new ArrayList<>();
      HttpServer stub = ShippedSources.serve(Files.readAllBytes(f), asked);
      try (Source source = ShippedSources.create("oracle_erp.yml", Map.of("base_url", "http://127.0.0.1:"
          + stub.getAddress().getPort() + "/fscmRestApi/resources/11.13.18.05", "username", "u"), Map.of("password",
          "p"))) {
        // Served for every offset, a page with hasMore true would repeat: read only the first page.
        try (StreamReader reader = source.open(new ReadRequest("invoices", Map.of(), List.of("InvoiceId"), List.of(),
            Cursor.START, Duration.ZERO, 500))) {
          assertThat(reader.read(Cursor.START).records()).as(f.toString()).hasSize(recorded.path("items").size());
        }
      } finally {
        stub.stop(0);
      }
    }
  }
}
