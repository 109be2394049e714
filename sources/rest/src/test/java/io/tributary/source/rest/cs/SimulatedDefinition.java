package io.tributary.source.rest.cs;

import io.tributary.config.StreamConfig;
import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.churnzero.ChurnZeroSandbox;
import io.tributary.sandbox.gainsight.GainsightSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandboxSettings;
import io.tributary.sandbox.totango.TotangoSandbox;
import io.tributary.source.rest.DefinitionLoader;
import io.tributary.source.rest.RestDefinition;
import io.tributary.source.rest.RestSourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped customer-success definitions (gainsight.yml, totango.yml, churnzero.yml) wired to their simulators for
 * tests: the source block a job would hold (base_url at the simulator, credentials as {@code ${file:...}}), fast
 * retries, and the simulators' own per-minute limits off so tests do not wait for windows.
 *
 * @param definition the shipped definition's file name
 * @param platform the simulator
 * @param rootPath the API root under the simulator's address
 * @param credentials credential keys of the definition and the simulator's values
 * @param streams the definition's streams, each with its simulator object and key field
 */
record SimulatedDefinition(String definition, SandboxPlatform platform, String rootPath,
    Map<String, String> credentials, List<StreamOf> streams) {

  /** One stream, the dataset object behind it, and its primary key field. */
  record StreamOf(String stream, String object, String key, String cursor) {
    StreamConfig config() {
      return new StreamConfig(stream, null, List.of(key), cursor == null ? List.of() : List.of(cursor), null, null,
          null, Map.of(), null, null, null);
    }
  }

  static final SimulatedDefinition GAINSIGHT = new SimulatedDefinition("gainsight.yml", GainsightSandbox.platform(),
      "", Map.of("access_key", GainsightSandbox.ACCESS_KEY), List.of(
          new StreamOf("companies", "Company", "Gsid", "ModifiedDate"),
          new StreamOf("relationships", "Relationship", "Gsid", "ModifiedDate"),
          new StreamOf("ctas", "CTA", "Gsid", "ModifiedDate")));

  static final SimulatedDefinition TOTANGO = new SimulatedDefinition("totango.yml", TotangoSandbox.platform(), "",
      Map.of("app_token", TotangoSandbox.APP_TOKEN), List.of(
          new StreamOf("accounts", "accounts", "name", null),
          new StreamOf("users", "users", "name", null)));

  static final SimulatedDefinition CHURNZERO = new SimulatedDefinition("churnzero.yml", ChurnZeroSandbox.platform(),
      "/public/v1", Map.of("username", ChurnZeroSandbox.USERNAME, "api_key", ChurnZeroSandbox.API_KEY), List.of(
          new StreamOf("accounts", "Account", "Id", "ObjectLastModifiedDate"),
          new StreamOf("contacts", "Contact", "Id", "ObjectLastModifiedDate"),
          new StreamOf("events", "Event", "Id", "ObjectLastModifiedDate")));

  static final SimulatedDefinition ORACLE_ERP = new SimulatedDefinition("oracle_erp.yml", OracleErpSandbox.platform(),
      OracleErpSandboxSettings.ROOT, Map.of("username", OracleErpSandboxSettings.defaults().user(), "password",
          OracleErpSandboxSettings.defaults().password()), List.of(
          new StreamOf("invoices", "invoices", "InvoiceId", "LastUpdateDate"),
          new StreamOf("suppliers", "suppliers", "SupplierId", "LastUpdateDate"),
          new StreamOf("purchase_orders", "purchaseOrders", "POHeaderId", "LastUpdateDate")));

  /** Options with the simulators' per-minute limits off (the definition's client-side limit still applies). */
  static SandboxOptions unlimited(SandboxOptions options) {
    return options.withSetting("gainsight.requests_per_minute", "0").withSetting("totango.requests_per_minute", "0");
  }

  /** The source a job with this definition would get, pointed at the running simulator. */
  Source source(SandboxServer sandbox, Path dir) {
    return source(sandbox, dir, credentials);
  }

  /** The same with other credential values (a bad key). */
  Source source(SandboxServer sandbox, Path dir, Map<String, String> values) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("base_url", sandbox.baseUrl() + rootPath);
    RestDefinition loaded = DefinitionLoader.loadShipped(definition);
    try {
      for (Map.Entry<String, String> c : values.entrySet()) {
        boolean secret = loaded.config().stream().anyMatch(k -> k.name().equals(c.getKey()) && k.secret());
        if (!secret) {
          // a plain setting (a user name): written as it is, as in a job file
          block.put(c.getKey(), c.getValue());
          continue;
        }
        Path file = Files.writeString(dir.resolve(c.getKey()), c.getValue());
        block.put(c.getKey(), "${file:" + file.toAbsolutePath() + "}");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    block.put("http", Map.of("initial_backoff", "5ms", "max_backoff", "20ms", "max_attempts", 10,
        "rate_limit_permits", 1000, "rate_limit_period", "1s"));
    return new RestSourceProvider(loaded)
        .create(block, new JobContext("cs", dir.resolve("job.yml"), dir));
  }
}
