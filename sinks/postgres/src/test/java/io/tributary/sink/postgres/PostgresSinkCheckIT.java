package io.tributary.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.JobContext;
import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

/** check() and mart statements against the real server, and the fix hints their failures carry. */
@Tag("db")
@Tag("sandbox")
class PostgresSinkCheckIT {

  private static final String PASSWORD = "s3cr3t-Value-that-must-not-leak";

  @TempDir
  Path dir;

  private static String urlFor(String database) {
    Properties p = Driver.parseURL(TestPostgres.url(), null);
    return "jdbc:postgresql://" + p.getProperty("PGHOST") + ":" + p.getProperty("PGPORT") + "/" + database;
  }

  private PostgresSink sink(String url, String user, String schema) throws Exception {
    Path secret = dir.resolve("pg_password");
    Files.writeString(secret, PASSWORD);
    return new PostgresSink(new PostgresSinkConfig(url, user, SecretRef.parse("${file:" + secret + "}"), schema),
        new JobContext("job", Path.of("jobs/job.yml"), dir));
  }

  @Test
  void checkPassesAndLeavesNothingBehind() throws Exception {
    String schema = "pgcheck_" + UUID.randomUUID().toString().substring(0, 8);
    try (PostgresSink sink = sink(TestPostgres.url(), TestPostgres.user(), schema)) {
      sink.check();
    }
    assertThat(PostgresSinkTestSupport.query(
        "SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")).containsExactly("0");
  }

  @Test
  void anUnknownDatabaseIsAConfigErrorWithoutThePassword() throws Exception {
    try (PostgresSink sink = sink(urlFor("no_such_db_tributary"), TestPostgres.user(), "raw")) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
        assertThat(e.getMessage()).contains("database 'no_such_db_tributary' does not exist");
        assertThat(e.hint()).contains("createdb no_such_db_tributary");
        assertThat(e.describe()).doesNotContain(PASSWORD);
      });
    }
  }

  @Test
  void aRefusedConnectionAsksWhetherPostgresIsRunning() throws Exception {
    try (PostgresSink sink = sink("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2", "postgres", "raw")) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
        assertThat(e.hint()).contains("is PostgreSQL running at 127.0.0.1:1");
        assertThat(e.describe()).doesNotContain(PASSWORD);
      });
    }
  }

  @Test
  void aUserWithoutCreateOnTheSchemaIsAnAuthErrorWithTheGrantToRun() throws Exception {
    String schema = TestPostgres.freshSchema("pgcheck");
    String role = "tributary_lowpriv_" + UUID.randomUUID().toString().substring(0, 8);
    PostgresSinkTestSupport.execute("CREATE ROLE " + role + " LOGIN");
    try (PostgresSink sink = sink(TestPostgres.url(), role, schema)) {
      assertThatThrownBy(sink::check).isInstanceOfSatisfying(TributaryException.class, e -> {
        assertThat(e.kind()).isEqualTo(TributaryException.Kind.AUTH);
        assertThat(e.hint()).contains("GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + role);
      });
    } finally {
      PostgresSinkTestSupport.execute("DROP ROLE " + role);
    }
  }

  @Test
  void aPasswordInTheUrlIsRejected() {
    assertThatThrownBy(() -> sink("jdbc:postgresql://127.0.0.1:5432/test?password=" + PASSWORD, "u", "raw"))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.getMessage()).contains("password parameter");
          assertThat(e.describe()).doesNotContain(PASSWORD);
        });
  }

  @Test
  void martStatementsRunInSchemaMartsAndFailuresCarryTheDatabaseMessage() throws Exception {
    String schema = TestPostgres.freshSchema("pgmart");
    String mart = "m_" + UUID.randomUUID().toString().substring(0, 8);
    try (PostgresSink sink = sink(TestPostgres.url(), TestPostgres.user(), schema)) {
      assertThat(sink.rawSchema()).isEqualTo(schema);
      sink.executeMartStatement("CREATE TABLE marts." + mart + " AS SELECT 41 + 1 AS answer");
      assertThat(PostgresSinkTestSupport.query("SELECT answer FROM marts." + mart)).containsExactly("42");

      assertThatThrownBy(() -> sink.executeMartStatement("SELECT * FROM " + schema + ".missing_table"))
          .isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
            assertThat(e.getMessage()).contains("relation \"" + schema + ".missing_table\" does not exist");
          });
    } finally {
      PostgresSinkTestSupport.execute("DROP TABLE IF EXISTS marts." + mart);
    }
  }
}
