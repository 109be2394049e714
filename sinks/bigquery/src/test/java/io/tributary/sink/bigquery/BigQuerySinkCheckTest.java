package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.JobContext;
import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} resolves the credentials before any network call and says exactly what is missing. */
@Tag("sandbox")
class BigQuerySinkCheckTest {

  @TempDir
  Path dir;

  @Test
  void aMissingKeyVariableIsNamed() {
    BigQuerySink sink = sink(SecretRef.parse("${env:TRIBUTARY_TEST_UNSET_BQ_KEY}"));
    assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
      assertThat(e.getMessage()).contains("TRIBUTARY_TEST_UNSET_BQ_KEY");
    });
  }

  @Test
  void aKeyFileThatIsNotAServiceAccountKeyIsAConfigError() throws Exception {
    Path key = dir.resolve("key.json");
    Files.writeString(key, "{\"type\": \"authorized_user\"}");
    BigQuerySink sink = sink(SecretRef.parse("${file:" + key + "}"));
    assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
      assertThat(e.describe()).contains("is not a service-account JSON key").contains("keys create");
      assertThat(e.describe()).doesNotContain("authorized_user");
    });
  }

  @Test
  void aProjectNameInsteadOfItsIdIsRejectedAtOnce() {
    assertThatThrownBy(() -> new BigQuerySink(new BigQuerySinkConfig("Acme Analytics", null, null, null, null, Map.of(),
        null), new JobContext("erp", Path.of("jobs/erp.yml"), dir))).isInstanceOf(TributaryException.class)
        .hasMessageContaining("not a Google Cloud project id");
  }

  private BigQuerySink sink(SecretRef credentials) {
    return new BigQuerySink(new BigQuerySinkConfig("acme-analytics", null, null, credentials, null, Map.of(), null),
        new JobContext("erp", Path.of("jobs/erp.yml"), dir));
  }
}
