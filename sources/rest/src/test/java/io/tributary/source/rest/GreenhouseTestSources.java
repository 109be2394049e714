package io.tributary.source.rest;

import io.tributary.config.StreamConfig;
import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.greenhouse.GreenhouseRecords;
import io.tributary.sandbox.greenhouse.GreenhouseRoutes;
import io.tributary.sandbox.greenhouse.GreenhouseSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The shipped Greenhouse definition against a Greenhouse simulator, shared by the Greenhouse tests. */
final class GreenhouseTestSources {

  private GreenhouseTestSources() {}

  static Source source(SandboxServer sandbox, String key) {
    try {
      Path dir = Files.createTempDirectory("greenhouse-test");
      Path secret = dir.resolve("api_key");
      Files.writeString(secret, key);
      Map<String, Object> block = new LinkedHashMap<>();
      block.put("base_url", sandbox.baseUrl() + "/v1");
      block.put("api_key", "${file:" + secret + "}");
      // Without the client's own 50-per-10-s pacing: it only makes a test wait in real time. The simulator still
      // throttles on its clock (a 429 with Retry-After, which the client waits out).
      block.put("http", Map.of("initial_backoff", "50ms", "max_backoff", "2s", "rate_limit_permits", 0));
      return new RestSourceProvider(DefinitionLoader.loadShipped("greenhouse.yml"))
          .create(block, new JobContext("greenhouse", dir.resolve("job.yml"), dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Source source(SandboxServer sandbox) {
    return source(sandbox, GreenhouseSandbox.API_KEY);
  }

  static StreamConfig stream(String name, String cursor, Map<String, Object> options) {
    return new StreamConfig(name, null, List.of("id"), List.of(cursor), "0s", null, null, options, null, null, null,
        null);
  }

  /** Ids a full read must deliver, from the simulator's ground truth. */
  static Set<String> ids(SandboxServer sandbox, GreenhouseRecords.Kind kind) {
    return sandbox.routes(GreenhouseRoutes.class).live(kind).stream()
        .map(r -> Long.toString(GreenhouseRecords.id(kind, r.index()))).collect(Collectors.toSet());
  }
}
