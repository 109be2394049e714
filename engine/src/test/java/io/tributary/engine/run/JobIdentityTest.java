package io.tributary.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What changes a job's identity fingerprint (where it reads and writes) and what does not (secrets, tuning). */
@Tag("db")
class JobIdentityTest {

  private static final Map<String, Object> SOURCE = Map.of("type", "jdbc", "url", "jdbc:postgresql://erp/erp",
      "schema", "eu", "user", "etl", "password", "${env:ERP_PASSWORD}");
  private static final Map<String, Object> SINK = Map.of("type", "postgres", "url", "jdbc:postgresql://dw/dw",
      "schema", "raw_eu", "password", "${env:DW_PASSWORD}");

  @Test
  void anotherSourceSchemaOrSinkSchemaIsAnotherJob() {
    String base = JobIdentity.fingerprint(SOURCE, SINK);
    assertThat(JobIdentity.fingerprint(with(SOURCE, "schema", "us"), SINK)).isNotEqualTo(base);
    assertThat(JobIdentity.fingerprint(SOURCE, with(SINK, "schema", "raw_us"))).isNotEqualTo(base);
    assertThat(JobIdentity.fingerprint(SOURCE, with(SINK, "type", "duckdb"))).isNotEqualTo(base);
    // the same values on the other side are not the same job either
    assertThat(JobIdentity.fingerprint(SINK, SOURCE)).isNotEqualTo(base);
  }

  @Test
  void credentialsTuningAndKeySpellingDoNotChangeIt() {
    String base = JobIdentity.fingerprint(SOURCE, SINK);
    assertThat(JobIdentity.fingerprint(with(SOURCE, "password", "${file:/run/secrets/erp}"), SINK)).isEqualTo(base);
    assertThat(JobIdentity.fingerprint(with(SOURCE, "user", "etl2"), SINK)).isEqualTo(base);
    assertThat(JobIdentity.fingerprint(with(SOURCE, "timezone", "Europe/Berlin"), SINK)).isEqualTo(base);
    assertThat(JobIdentity.fingerprint(SOURCE, with(SINK, "schema", " raw_eu "))).isEqualTo(base);
    assertThat(JobIdentity.fingerprint(Map.of("type", "hubspot", "base_url", "https://a"), SINK))
        .isEqualTo(JobIdentity.fingerprint(Map.of("type", "hubspot", "baseUrl", "https://a"), SINK));
  }

  @Test
  void advisoryLockKeysAreNonNegativeBelowTwoToThe62AndDifferPerSchemaAndJob() {
    long a = AdvisoryLocks.key("tributary-run", "repo_a", "orders");
    assertThat(a).isBetween(0L, (1L << 62) - 1);
    assertThat(AdvisoryLocks.key("tributary-run", "repo_b", "orders")).isNotEqualTo(a);
    assertThat(AdvisoryLocks.key("tributary-run", "repo_a", "orders-us")).isNotEqualTo(a);
    assertThat(AdvisoryLocks.key("tributary-run", "repo_a", "orders")).isEqualTo(a);
  }

  private static Map<String, Object> with(Map<String, Object> block, String key, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(block);
    copy.put(key, value);
    return copy;
  }
}
