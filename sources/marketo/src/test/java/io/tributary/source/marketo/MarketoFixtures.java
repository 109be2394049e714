package io.tributary.source.marketo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared Marketo fixtures: {@code ../shared/fixtures/marketo} beside the repository (a user's clone has none, and
 * the tests that read them skip with a message), or the folder the {@code tributary.shared.fixtures} system
 * property names.
 */
final class MarketoFixtures {

  static final Path DIR = Path.of(System.getProperty("tributary.shared.fixtures", "../shared/fixtures"), "marketo");
  static final ObjectMapper JSON = new ObjectMapper();

  private MarketoFixtures() {}

  static Path shared(String name) {
    assumeTrue(Files.isDirectory(DIR), DIR + " is absent: the shared Marketo fixtures are not checked");
    return DIR.resolve(name);
  }

  static String text(String name) throws IOException {
    return Files.readString(shared(name));
  }

  static JsonNode json(String name) throws IOException {
    return JSON.readTree(shared(name).toFile());
  }
}
