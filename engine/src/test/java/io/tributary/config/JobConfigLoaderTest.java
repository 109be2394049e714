package io.tributary.config;

import io.tributary.core.Durations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class JobConfigLoaderTest {

  @TempDir
  Path dir;

  private static final String VALID = """
      source: { type: jdbc, url: "jdbc:h2:mem:x", password: "${env:ERP_DB_PASSWORD}" }
      sink: { type: duckdb }
      chunk_size: 500
      streams:
        - name: accounts
          primary_key: [id]
          cursor: updated_at
          lookback: 10m
          fields:
            - { name: id, type: integer }
            - { name: amount, type: "decimal(18,2)", min: 0 }
      """;

  private Path write(String name, String yaml) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, yaml);
    return f;
  }

  private TributaryException failure(String yaml) throws IOException {
    Path f = write("bad.yml", yaml);
    try {
      JobConfigLoader.load(f);
    } catch (TributaryException e) {
      assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
      assertThat(e.getMessage()).startsWith(f.toString() + ": ");
      return e;
    }
    throw new AssertionError("expected a config error for:\n" + yaml);
  }

  @Test
  void bindsAValidJobWithDefaults() throws IOException {
    LoadedJob job = JobConfigLoader.load(write("erp_accounts.yml", VALID));
    assertThat(job.name()).isEqualTo("erp_accounts");
    StreamConfig s = job.config().streams().get(0);
    assertThat(s.cursorOrEmpty()).containsExactly("updated_at");
    assertThat(s.modeOrDefault()).isEqualTo(WriteMode.MERGE);
    assertThat(s.tableOrDefault()).isEqualTo("accounts");
    assertThat(Durations.parse(s.lookback()).toMinutes()).isEqualTo(10);
    assertThat(job.config().chunkSizeOrDefault()).isEqualTo(500);
    assertThat(s.fields().get(1).min()).isEqualByComparingTo("0");
  }

  @Test
  void unknownKeySuggestsTheClosestOne() throws IOException {
    TributaryException e = failure(VALID.replace("primary_key:", "primry_key:"));
    assertThat(e.getMessage()).contains("streams[0]").contains("unknown key 'primry_key'").contains("line 6");
    assertThat(e.hint()).startsWith("did you mean 'primary_key'?");
  }

  @Test
  void piiHashWithoutAPiiKeyIsRefusedAtTheField() throws IOException {
    TributaryException e = failure(VALID.replace("- { name: amount, type: \"decimal(18,2)\", min: 0 }",
        "- { name: email, pii: hash }"));
    assertThat(e.getMessage()).contains("streams[0].fields[1].pii").contains("pii: hash needs the job's pii_key");
    assertThat(e.hint()).contains("pii_key:");
    LoadedJob keyed = JobConfigLoader.load(write("keyed.yml", "pii_key: \"${env:TRIBUTARY_PII_KEY}\"\n"
        + VALID.replace("- { name: amount, type: \"decimal(18,2)\", min: 0 }", "- { name: email, pii: hash }")));
    assertThat(keyed.config().streams().get(0).fields().get(1).pii()).isEqualTo("hash");
  }

  @Test
  void piiOnAPrimaryKeyMustBeAHashAndTheWordMustBeKnown() throws IOException {
    TributaryException masked = failure(VALID.replace("- { name: id, type: integer }",
        "- { name: id, type: integer, pii: mask }"));
    assertThat(masked.getMessage()).contains("streams[0].fields[0].pii")
        .contains("a primary key field can only be hashed, not mask");
    TributaryException unknown = failure(VALID.replace("- { name: id, type: integer }",
        "- { name: id, type: integer, pii: scramble }"));
    assertThat(unknown.getMessage()).contains("'scramble' is not a PII transform");
    assertThat(unknown.hint()).isEqualTo("use mask, hash or drop");
  }

  @Test
  void wrongTypeNamesThePathAndExpectedType() throws IOException {
    TributaryException e = failure(VALID.replace("chunk_size: 500", "chunk_size: lots"));
    assertThat(e.getMessage()).contains("chunk_size").contains("'lots' is not a valid");
  }

  @Test
  void literalSecretIsRejected() throws IOException {
    TributaryException e = failure(VALID.replace("\"${env:ERP_DB_PASSWORD}\"", "hunter2"));
    assertThat(e.getMessage()).contains("a literal value is not allowed in a secret field");
    assertThat(e.getMessage()).doesNotContain("hunter2");
    assertThat(e.hint()).contains("${env:NAME}");
  }

  @Test
  void mergeWithoutPrimaryKeyIsRejected() throws IOException {
    TributaryException e = failure(VALID.replace("primary_key: [id]", "mode: merge"));
    assertThat(e.getMessage()).contains("streams[0].primary_key: missing: mode merge needs a primary key");
    assertThat(e.hint()).contains("mode: append");
  }

  @Test
  void badEnumValueListsTheChoices() throws IOException {
    TributaryException e = failure(VALID.replace("cursor: updated_at", "mode: upsert"));
    assertThat(e.getMessage()).contains("streams[0].mode").contains("'upsert'");
    assertThat(e.hint()).contains("append, merge, replace");
  }

  @Test
  void unknownFieldTypeIsLocated() throws IOException {
    TributaryException e = failure(VALID.replace("type: integer", "type: money"));
    assertThat(e.getMessage()).contains("streams[0].fields[0].type: unknown type 'money'");
  }

  @Test
  void injectionInATableNameIsRejected() throws IOException {
    TributaryException e = failure(VALID.replace("primary_key: [id]",
        "primary_key: [id]\n    table: 'x\"; drop table y; --'"));
    assertThat(e.getMessage()).contains("streams[0].table").contains("is not a valid identifier");
  }

  @Test
  void missingRequiredBlocksAreReported() throws IOException {
    TributaryException e = failure("streams: [{name: a, mode: append}]\n");
    assertThat(e.getMessage()).contains("sink: must not be null").contains("source: must not be null");
  }

  @Test
  void badYamlSyntaxGivesTheLine() throws IOException {
    TributaryException e = failure("source: {type: jdbc\nsink: [\n");
    assertThat(e.getMessage()).contains("cannot parse").contains("line");
  }

  @Test
  void missingFileSaysSo() {
    assertThatThrownBy(() -> JobConfigLoader.load(dir.resolve("nope.yml")))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void partitionsAndAScaleBlockBindWithDefaults() throws IOException {
    LoadedJob job = JobConfigLoader.load(write("big.yml", VALID.replace("lookback: 10m", "lookback: 10m\n    partitions: 8")
        + "scale: { broker: { host: rabbit.internal, password: \"${env:RABBITMQ_PASSWORD}\" } }\n"));
    assertThat(job.config().streams().get(0).partitionsOrDefault()).isEqualTo(8);
    ScaleConfig scale = job.config().scale();
    assertThat(scale.queue("big")).isEqualTo("tributary.big");
    assertThat(scale.broker().portOrDefault()).isEqualTo(5672);
    assertThat(scale.broker().usernameOrDefault()).isEqualTo("guest");
    assertThat(scale.broker().password().reference()).isEqualTo("${env:RABBITMQ_PASSWORD}");
    assertThat(JobConfigLoader.load(write("one.yml", VALID)).config().streams().get(0).partitionsOrDefault())
        .isEqualTo(1);
  }

  @Test
  void partitionsOutOfRangeOrOnANonMergeStreamAreRejected() throws IOException {
    assertThat(failure(VALID.replace("lookback: 10m", "lookback: 10m\n    partitions: 65")).getMessage())
        .contains("streams[0].partitions: must be less than or equal to 64 (got '65')");
    assertThat(failure(VALID.replace("lookback: 10m", "lookback: 10m\n    partitions: 0")).getMessage())
        .contains("streams[0].partitions: must be greater than or equal to 1 (got '0')");
    TributaryException append = failure(VALID.replace("lookback: 10m", "lookback: 10m\n    partitions: 2\n    mode: append"));
    assertThat(append.getMessage()).contains("streams[0].partitions: partitions need mode merge (the stream is append)");
    assertThat(append.hint()).contains("use 'mode: merge'");
  }

  @Test
  void theScaleBlockTakesOnlyAReferenceAsPasswordAndSuggestsKnownKeys() throws IOException {
    assertThat(failure(VALID + "scale: { broker: { host: h, password: guest } }\n").getMessage())
        .contains("scale.broker.password");
    TributaryException typo = failure(VALID + "scale: { broker: { host: h, virtualhost: v } }\n");
    assertThat(typo.getMessage()).contains("unknown key 'virtualhost'");
    assertThat(typo.hint()).contains("virtual_host");
    assertThat(failure(VALID + "scale: { queue_prefix: q }\n").getMessage()).contains("scale.broker: must not be null");
  }

  @Test
  void appendWithLookbackIsRefusedBecauseEveryRunWouldAppendTheWindowAgain() throws IOException {
    TributaryException e = failure(VALID.replace("lookback: 10m", "lookback: 10m\n    mode: append"));
    assertThat(e.getMessage()).contains("streams[0].lookback: ").contains("append");
    assertThat(e.hint()).contains("mode: merge");
  }

  @Test
  void aMartOutsideTheProjectsSqlTreeIsRefusedWithoutShowingTheFile() throws IOException {
    Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$very-secret-hash:19000:0:99999:7:::\n");
    for (String entry : List.of(secret.toString(), "/etc/shadow", "sql/../jobs", "../outside.sql", "jobs")) {
      TributaryException e = failure(VALID + "marts: [\"" + entry + "\"]\n");
      assertThat(e.getMessage()).as(entry).contains("marts[0]: ").contains("outside")
          .doesNotContain("very-secret-hash").doesNotContain("root:");
      assertThat(e.hint()).contains("sql/");
    }
    assertThat(JobConfigLoader.load(write("ok.yml", VALID + "marts: [sql/marts/erp_files]\n")).config().marts())
        .containsExactly("sql/marts/erp_files");
  }

  @Test
  void aSymlinkInsideSqlThatLeadsOutIsRefused() throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    Path marts = Files.createDirectories(project.resolve("sql/marts"));
    Path outside = Files.writeString(dir.resolve("elsewhere.sql"), "SELECT 'not a mart of this project'");
    Files.createSymbolicLink(marts.resolve("sneaky.sql"), outside);
    Files.writeString(marts.resolve("fine.sql"), "SELECT 1");
    assertThat(io.tributary.mart.MartLocations.files(project, "sql/marts/fine.sql"))
        .containsExactly(marts.resolve("fine.sql").toRealPath());
    assertThatThrownBy(() -> io.tributary.mart.MartLocations.files(project, "sql/marts/sneaky.sql"))
        .isInstanceOf(TributaryException.class).hasMessageContaining("outside")
        .hasMessageNotContaining("not a mart of this project");
    assertThatThrownBy(() -> io.tributary.mart.MartLocations.files(project, "sql/marts"))
        .isInstanceOf(TributaryException.class).hasMessageContaining("sneaky.sql");
  }

  @Test
  void aSecretInsideAnyUrlIsRefusedLikeAnyOtherLiteral() throws IOException {
    String[] leaking = {
        "jdbc:postgresql://erp:5432/erp?user=etl&password=hunter2",
        "jdbc:postgresql://erp:5432/erp?PASSWORD=hunter2&ssl=true",
        "jdbc:mysql://etl:hunter2@erp:3306/erp",
        "jdbc:sqlserver://erp:1433;databaseName=erp;pwd=hunter2",
        "jdbc:oracle:thin:etl/hunter2@//erp:1521/svc",
        "jdbc:snowflake://acme.snowflakecomputing.com/?token=hunter2",
        "jdbc:snowflake://acme.snowflakecomputing.com/?private_key_file_pwd=hunter2",
        "https://erp.example.com/odata?client_secret=hunter2"};
    for (String url : leaking) {
      TributaryException e = failure(VALID.replace("jdbc:h2:mem:x", url));
      assertThat(e.getMessage()).as(url).contains("source.url: ").doesNotContain("hunter2");
      assertThat(e.hint()).as(url).contains("${env:");
    }
    TributaryException sink = failure(VALID.replace("sink: { type: duckdb }",
        "sink: { type: postgres, url: \"jdbc:postgresql://dw/dw?password=hunter2\" }"));
    assertThat(sink.getMessage()).contains("sink.url: ").doesNotContain("hunter2");
    for (String url : List.of("jdbc:postgresql://erp:5432/erp?user=etl&ssl=true", "jdbc:h2:mem:x;MODE=PostgreSQL",
        "jdbc:oracle:thin:@//erp:1521/svc", "https://login.example.com/oauth2/token")) {
      assertThat(JobConfigLoader.load(write("fine.yml", VALID.replace("jdbc:h2:mem:x", url))).name()).isEqualTo("fine");
    }
  }
}
