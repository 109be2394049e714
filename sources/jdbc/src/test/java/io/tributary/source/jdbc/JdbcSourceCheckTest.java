package io.tributary.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.JobContext;
import io.tributary.core.SecretRef;
import io.tributary.core.Source;
import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check() and option validation: typed failures with fixes, and the password never shows. */
@Tag("db")
class JdbcSourceCheckTest {

  private static final JobContext CONTEXT = new JobContext("t", Path.of("t.yml"), Path.of("."));

  private static Source source(JdbcSourceConfig config) {
    return new JdbcSourceProvider().create(config, CONTEXT);
  }

  @Test
  void unknownStreamOptionIsRejectedWithTheClosestKey() {
    Source source = source(new JdbcSourceConfig("jdbc:h2:mem:x", "sa", null, null, null));
    assertThatThrownBy(() -> source.validateStream("orders", Map.of("tabel", "orders")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.CONFIG);
          assertThat(e.getMessage()).contains("stream 'orders'").contains("'tabel'");
          assertThat(e.hint()).contains("did you mean 'table'?");
        });
    assertThatThrownBy(() -> source.validateStream("orders", Map.of("table", "a", "query", "SELECT 1")))
        .hasMessageContaining("both table and query");
  }

  @Test
  void connectionRefusedAsksWhetherTheDatabaseRuns() {
    Source source = source(new JdbcSourceConfig("jdbc:postgresql://127.0.0.1:1/erp?connectTimeout=2", "u", null,
        null, null));
    assertThatThrownBy(source::check).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
      assertThat(e.hint()).isEqualTo("is the database running at 127.0.0.1:1?");
    });
  }

  @Test
  void rejectedPasswordIsAnAuthFailureThatNeverPrintsThePassword(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:mem:auth_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1";
    try (Connection keepAlive = DriverManager.getConnection(url, "owner", "right-one")) {
      Path secret = Files.writeString(dir.resolve("pw"), "Wr0ng-S3cret\n");
      Source source = source(new JdbcSourceConfig(url, "owner", SecretRef.parse("${file:" + secret + "}"), null,
          null));
      assertThatThrownBy(source::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.describe()).doesNotContain("Wr0ng-S3cret");
        assertThat(e.hint()).contains("source.password");
      });
    }
  }

  @Test
  void urlsAreRedactedAndHostPortIsFound() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/erp?user=a&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/erp?user=a&password=***&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:mysql://bob:hunter2@db/erp")).isEqualTo("jdbc:mysql://***@db/erp");
    assertThat(JdbcUrls.hostPort("jdbc:mariadb://db.local/erp")).isEqualTo("db.local:3306");
    assertThat(JdbcUrls.hostPort("jdbc:postgresql://10.0.0.5:6543/erp")).isEqualTo("10.0.0.5:6543");
    assertThat(JdbcUrls.hostPort("jdbc:h2:mem:x")).isNull();
  }

  @Test
  void unknownTimezoneFailsAtCreation() {
    assertThatThrownBy(() -> source(new JdbcSourceConfig("jdbc:h2:mem:x", null, null, null, null, "Mars/Base")))
        .hasMessageContaining("Mars/Base");
  }
}
