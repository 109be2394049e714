package io.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.JobContext;
import io.tributary.core.SecretRef;
import io.tributary.sandbox.bamboohr.BambooHrSandbox;
import io.tributary.sandbox.dynamics.DynamicsSandboxConfig;
import io.tributary.sandbox.dynamics.DynamicsSandbox;
import io.tributary.sandbox.dynamics.DynamicsSandboxSettings;
import io.tributary.sandbox.greenhouse.GreenhouseSandboxConfig;
import io.tributary.sandbox.greenhouse.GreenhouseSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxConfig;
import io.tributary.sandbox.hubspot.HubSpotSandbox;
import io.tributary.sandbox.hubspot.HubSpotSandboxSettings;
import io.tributary.sandbox.netsuite.NetSuiteSandboxConfig;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import io.tributary.sandbox.oracleerp.OracleErpSandbox;
import io.tributary.sandbox.salesforce.SalesforceSandboxConfig;
import io.tributary.sandbox.salesforce.SalesforceSandbox;
import io.tributary.sandbox.sap.SapSandboxConfig;
import io.tributary.sandbox.sap.SapSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each platform's simulator for a job's {@code sandbox:} block: the server it starts (rows, seed, settings from the
 * block), the job's source block pointed at it (URLs and credentials replaced, other keys kept, secrets as references
 * resolving to the simulator's test credentials), and closing it (server stopped, credential files deleted).
 */
@Tag("sandbox")
class JobSimulatorTest {

  private static final JobContext CONTEXT = new JobContext("job", Path.of("job.yml"), Path.of("."));

  private static String resolved(Object reference) {
    return SecretRef.parse((String) reference).resolve();
  }

  private static Path fileOf(Object reference) {
    String ref = (String) reference;
    return Path.of(ref.substring("${file:".length(), ref.length() - 1));
  }

  @Test
  void hubSpotReplacesTheJobsCredentialsWithThePrivateAppTokenAndKeepsItsOtherKeys() throws Exception {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("base_url", "https://api.hubapi.com");
    job.put("client_id", "real-app");
    job.put("client_secret", "${env:HUBSPOT_CLIENT_SECRET}");
    job.put("refresh_token", "${env:HUBSPOT_REFRESH_TOKEN}");
    job.put("search_index_lag", "60s");
    try (JobSimulator sim = HubSpotSandbox.simulator().start(new HubSpotSandboxConfig(12L, null, 7L, 3), CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(job);
      assertThat(pointed).containsOnlyKeys("base_url", "access_token", "search_index_lag");
      assertThat(pointed.get("base_url")).isEqualTo(sim.server().baseUrl());
      assertThat(resolved(pointed.get("access_token"))).isEqualTo(HubSpotSandboxSettings.PRIVATE_APP_TOKEN);
      assertThat(pointed.get("search_index_lag")).isEqualTo("60s");
      assertThat(sim.server().dataset().rows("contacts").count()).isEqualTo(12);
      assertThat(sim.server().options().seed()).isEqualTo(7);
      assertThat(sim.server().options().setting("hubspot.custom_properties", null)).isEqualTo("3");
    }
  }

  @Test
  void dynamicsIsBothTheEnvironmentAndItsAuthority() {
    try (JobSimulator sim = DynamicsSandbox.simulator().start(new DynamicsSandboxConfig(null, "429:2%", null),
        CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(Map.of("api_version", "v9.2", "org_url", "https://x.crm.dynamics.com"));
      String base = sim.server().baseUrl();
      assertThat(pointed).containsEntry("org_url", base).containsEntry("authority_url", base)
          .containsEntry("tenant_id", DynamicsSandboxSettings.TENANT_ID)
          .containsEntry("client_id", DynamicsSandboxSettings.CLIENT_ID).containsEntry("api_version", "v9.2");
      assertThat(resolved(pointed.get("client_secret"))).isEqualTo(DynamicsSandboxSettings.CLIENT_SECRET);
      assertThat(sim.server().dataset().rows("account").count()).as("default rows").isEqualTo(5_000);
      assertThat(sim.server().options().seed()).as("default seed").isEqualTo(42);
      assertThat(sim.server().options().faults().rules()).hasSize(1);
    }
  }

  @Test
  void sapReadsTheV2RootWithBasicOrOAuthAndDropsTheJobsSystem() {
    Map<String, Object> job = Map.of("base_url", "https://my-s4.example.com/sap/opu/odata/sap", "odata_version", "v4",
        "sap_client", "100", "user", "REAL_USER", "password", "${env:SAP_PASSWORD}", "http", Map.of("max_attempts", 3));
    try (JobSimulator sim = SapSandbox.simulator().start(new SapSandboxConfig(5L, null, null, null), CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(job);
      assertThat(pointed).containsOnlyKeys("base_url", "odata_version", "user", "password", "http");
      assertThat(pointed).containsEntry("base_url", sim.server().baseUrl() + "/sap/opu/odata/sap")
          .containsEntry("odata_version", "v2").containsEntry("user", "TRIBUTARY_COMM_USER");
      assertThat(resolved(pointed.get("password"))).isEqualTo("sandbox-password");
    }
    try (JobSimulator sim = SapSandbox.simulator().start(new SapSandboxConfig(5L, null, null, "OAuth"), CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(job);
      assertThat(pointed).containsOnlyKeys("base_url", "odata_version", "client_id", "client_secret", "token_url",
          "http");
      assertThat(resolved(pointed.get("client_id"))).isEqualTo("TRIBUTARY_CLIENT");
      assertThat(resolved(pointed.get("client_secret"))).isEqualTo("sandbox-secret");
      assertThat(pointed.get("token_url")).isEqualTo(sim.server().baseUrl() + "/sap/bc/sec/oauth2/token");
    }
  }

  @Test
  void netSuiteReadsTheSimulatorsAccountInItsTimeZone() {
    Map<String, Object> job = Map.of("account_id", "123456_SB1", "timezone", "Europe/Paris", "concurrency", 3);
    try (JobSimulator sim = NetSuiteSandbox.simulator().start(new NetSuiteSandboxConfig(8L, null, 9L), CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(job);
      assertThat(pointed).containsEntry("account_id", "TSTDRV123").containsEntry("timezone", "America/Los_Angeles")
          .containsEntry("base_url", sim.server().baseUrl()).containsEntry("concurrency", 3);
      assertThat(resolved(pointed.get("consumer_key"))).isEqualTo("sandbox-consumer-key");
      assertThat(resolved(pointed.get("consumer_secret"))).isEqualTo("sandbox-consumer-secret");
      assertThat(resolved(pointed.get("token_id"))).isEqualTo("sandbox-token-id");
      assertThat(resolved(pointed.get("token_secret"))).isEqualTo("sandbox-token-secret");
      assertThat(sim.server().dataset().rows("customer").count()).isEqualTo(8);
    }
  }

  @Test
  void restDefinitionPlatformsReadTheSimulatorsRootWithItsCredentialsAndKeepTheJobsOtherKeys() {
    Map<String, Object> job = Map.of("base_url", "https://real.example.com", "api_key", "${env:REAL_KEY}",
        "username", "real-user", "password", "${env:REAL_PASSWORD}", "company_domain", "realco", "page_size", 50);
    try (JobSimulator sim = GreenhouseSandbox.simulator().start(new GreenhouseSandboxConfig(3L, null, null),
        CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(job);
      assertThat(pointed).containsEntry("base_url", sim.server().baseUrl() + "/v1").containsEntry("page_size", 50)
          .containsEntry("username", "real-user");
      assertThat(resolved(pointed.get("api_key"))).isEqualTo("sandbox-harvest-key");
      assertThat(sim.server().dataset().rows("candidates").count()).isEqualTo(3);
    }
    try (JobSimulator sim = BambooHrSandbox.simulator().start(new RestSandboxConfig(null, null, null), CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(job);
      assertThat(pointed).containsEntry("base_url", sim.server().baseUrl() + "/api/gateway.php")
          .containsEntry("company_domain", "tributarysandbox").containsEntry("page_size", 50);
      assertThat(resolved(pointed.get("api_key"))).isEqualTo("sandbox-bamboohr-api-key-0123456789abcdef");
    }
    try (JobSimulator sim = OracleErpSandbox.simulator().start(new RestSandboxConfig(0L, null, null), CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(job);
      assertThat(pointed).containsEntry("base_url", sim.server().baseUrl() + "/fscmRestApi/resources/11.13.18.05")
          .containsEntry("username", "tributary.integration").containsEntry("page_size", 50);
      assertThat(resolved(pointed.get("password"))).isEqualTo("sandbox-fusion-password");
    }
  }

  @Test
  void salesforceLogsInWithTheSimulatorsAppAndKeepsTheObjectCountsAndBatchSize() {
    Map<String, Object> job = Map.of("login_host", "login.salesforce.com", "api_version", "61.0",
        "auth", Map.of("type", "jwt_bearer", "client_id", "3MVG9", "private_key", "${file:/run/secrets/key.pem}"));
    SalesforceSandboxConfig block = new SalesforceSandboxConfig(null, Map.of("Opportunity", 30L, "User", 5L), null,
        149L, 200);
    try (JobSimulator sim = SalesforceSandbox.simulator().start(block, CONTEXT)) {
      Map<String, Object> pointed = sim.pointAt(job);
      assertThat(pointed).containsOnlyKeys("login_host", "api_version", "auth", "bulk_first_poll");
      assertThat(pointed).containsEntry("login_host", sim.server().baseUrl()).containsEntry("api_version", "61.0")
          .as("the simulator's Bulk jobs are done within a second").containsEntry("bulk_first_poll", "500ms");
      assertThat(sim.pointAt(Map.of("bulk_first_poll", "2s"))).as("a job's own first poll is kept")
          .containsEntry("bulk_first_poll", "2s");
      @SuppressWarnings("unchecked")
      Map<String, Object> auth = (Map<String, Object>) pointed.get("auth");
      assertThat(auth).containsOnlyKeys("type", "client_id", "client_secret")
          .containsEntry("type", "client_credentials").containsEntry("client_id", "tributary-sandbox-client");
      assertThat(resolved(auth.get("client_secret"))).isEqualTo("tributary-sandbox-secret");
      assertThat(sim.server().dataset().rows("Opportunity").count()).isEqualTo(30);
      assertThat(sim.server().dataset().rows("Account").count()).as("the default rows").isEqualTo(1_000);
      assertThat(sim.server().options().seed()).isEqualTo(149);
      assertThat(sim.server().options().setting("salesforce.batch-size", null)).isEqualTo("200");
    }
  }

  @Test
  void closingStopsTheServerAndDeletesTheCredentialFiles() throws IOException {
    JobSimulator sim = HubSpotSandbox.simulator().start(new HubSpotSandboxConfig(1L, null, null, null), CONTEXT);
    Path token = fileOf(sim.pointAt(Map.of()).get("access_token"));
    assertThat(Files.readString(token)).isEqualTo(HubSpotSandboxSettings.PRIVATE_APP_TOKEN);
    assertThat(Files.getPosixFilePermissions(token.getParent())).as("readable by this user only")
        .allMatch(p -> p.name().startsWith("OWNER_"));
    String base = sim.server().baseUrl();

    sim.close();

    assertThat(token).doesNotExist();
    assertThat(token.getParent()).doesNotExist();
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/crm/v3/owners"))
        .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }
}
