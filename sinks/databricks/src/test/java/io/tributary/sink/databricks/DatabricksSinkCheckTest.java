package io.tributary.sink.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.JobContext;
import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code check} resolves the credentials before any network call and says exactly what is missing. */
@Tag("unit")
class DatabricksSinkCheckTest {

  private static final JobContext JOB = new JobContext("erp", Path.of("jobs/erp.yml"), Path.of("."));
  private static final String HOST = "dbc-test.cloud.databricks.com";
  private static final String HTTP_PATH = "/sql/1.0/warehouses/abc123";

  @Test
  void aMissingClientSecretVariableIsNamed() {
    DatabricksSinkConfig config = new DatabricksSinkConfig(HOST, HTTP_PATH, "tributary-sp",
        SecretRef.parse("${env:TRIBUTARY_TEST_UNSET_DATABRICKS_SECRET}"), null, "main", null, null);
    try (DatabricksSink sink = new DatabricksSink(config, JOB)) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
        assertThat(e.getMessage()).contains("TRIBUTARY_TEST_UNSET_DATABRICKS_SECRET");
      });
    }
  }

  @Test
  void aMissingTokenVariableIsNamed() {
    DatabricksSinkConfig config = new DatabricksSinkConfig(HOST, HTTP_PATH, null, null,
        SecretRef.parse("${env:TRIBUTARY_TEST_UNSET_DATABRICKS_TOKEN}"), "main", null, null);
    try (DatabricksSink sink = new DatabricksSink(config, JOB)) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
        assertThat(e.getMessage()).contains("TRIBUTARY_TEST_UNSET_DATABRICKS_TOKEN");
      });
    }
  }

  @Test
  void aClientIdWithoutSecretSaysWhatToSet() {
    DatabricksSinkConfig config = new DatabricksSinkConfig(HOST, HTTP_PATH, "tributary-sp", null, null, "main", null,
        null);
    try (DatabricksSink sink = new DatabricksSink(config, JOB)) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e ->
          assertThat(e.describe()).contains("sink.client_secret is not set"));
    }
  }

  @Test
  void noCredentialsAtAllSaysHowToSetUpOAuth() {
    DatabricksSinkConfig config = new DatabricksSinkConfig(HOST, HTTP_PATH, null, null, null, "main", null, null);
    try (DatabricksSink sink = new DatabricksSink(config, JOB)) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e ->
          assertThat(e.describe()).contains("sink.client_id is not set").contains("service principal"));
    }
  }

  @Test
  void theUrlCarriesNoSecret() {
    DatabricksSinkConfig config = new DatabricksSinkConfig("https://" + HOST + "/", "sql/1.0/warehouses/abc123",
        null, null, SecretRef.parse("${env:TRIBUTARY_TEST_UNSET_DATABRICKS_TOKEN}"), "main", null, null);
    assertThat(new DatabricksConnector(config, Path.of("/tmp/spool")).url()).isEqualTo("jdbc:databricks://"
        + HOST + ":443/default;transportMode=http;ssl=1;httpPath=/sql/1.0/warehouses/abc123");
  }
}
