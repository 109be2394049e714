package io.tributary.sink.snowflake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.JobContext;
import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code check} resolves the credentials before any network call and says exactly what is missing. */
@Tag("sandbox")
class SnowflakeSinkCheckTest {

  private static final JobContext JOB = new JobContext("erp", Path.of("jobs/erp.yml"), Path.of("."));

  @Test
  void aMissingPrivateKeyVariableIsNamed() {
    SnowflakeSinkConfig config = new SnowflakeSinkConfig("acme-test", "TRIBUTARY",
        SecretRef.parse("${env:TRIBUTARY_TEST_UNSET_SNOWFLAKE_KEY}"), null, null, "LOAD_WH", "ANALYTICS", null, null, null);
    try (SnowflakeSink sink = new SnowflakeSink(config, JOB)) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
        org.assertj.core.api.Assertions.assertThat(e.getMessage())
            .contains("TRIBUTARY_TEST_UNSET_SNOWFLAKE_KEY");
      });
    }
  }

  @Test
  void noCredentialsAtAllSaysHowToSetUpKeyPairAuth() {
    SnowflakeSinkConfig config = new SnowflakeSinkConfig("acme-test", "TRIBUTARY", null, null, null, "LOAD_WH",
        "ANALYTICS", null, null, null);
    try (SnowflakeSink sink = new SnowflakeSink(config, JOB)) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e ->
          org.assertj.core.api.Assertions.assertThat(e.describe()).contains("sink.private_key is not set")
              .contains("ALTER USER TRIBUTARY SET RSA_PUBLIC_KEY"));
    }
  }

  @Test
  void aKeyThatIsNotPemIsAConfigError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.pem");
    java.nio.file.Files.writeString(key, "not a key");
    SnowflakeSinkConfig config = new SnowflakeSinkConfig("acme-test", "TRIBUTARY",
        SecretRef.parse("${file:" + key + "}"), null, null, "LOAD_WH", "ANALYTICS", null, null, null);
    try (SnowflakeSink sink = new SnowflakeSink(config, JOB)) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e ->
          org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("not PEM"));
    }
  }
}
