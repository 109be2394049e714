package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.TestCommandLine;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.churnzero.ChurnZeroSandbox;
import io.tributary.sandbox.gainsight.GainsightSandbox;
import io.tributary.sandbox.totango.TotangoSandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Gainsight, Totango and ChurnZero definitions through the CLI: each example job runs as shipped (in-process
 * simulator with 429:5%,500:5% faults) and loads every row; a rejected credential ends {@code check} with exit 2,
 * the vendor's own message and the definition's fix.
 */
@Tag("sandbox")
class CustomerSuccessJobsIT {

  @TempDir
  Path dir;

  static Stream<Arguments> platforms() {
    return Stream.of(
        Arguments.of("gainsight", List.of("companies", "relationships", "ctas")),
        Arguments.of("totango", List.of("accounts", "users")),
        Arguments.of("churnzero", List.of("accounts", "contacts", "events")));
  }

  static Stream<Arguments> badCredentials() {
    return Stream.of(
        Arguments.of("gainsight", GainsightSandbox.platform(), "", "access_key: \"${file:%s}\"",
            "Unauthorized", "Generate Access Key"),
        Arguments.of("totango", TotangoSandbox.platform(), "", "app_token: \"${file:%s}\"",
            "invalid app-token", "copy your API token"),
        Arguments.of("churnzero", ChurnZeroSandbox.platform(), "/public/v1",
            "username: \"${file:%s}\"\n  api_key: \"${file:%s}\"",
            "Authorization has been denied for this request.", "Admin >> API Keys"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("platforms")
  void theExampleJobLoadsEveryRow(String platform, List<String> streams) throws Exception {
    Path db = dir.resolve("tributary_" + platform + ".duckdb");
    String yaml = Files.readString(Path.of("jobs/" + platform + "_example.yml"))
        .replace("rows: 2000", "rows: 300")
        .replace("path: warehouse/tributary_" + platform + ".duckdb", "path: " + db.toAbsolutePath());
    Output run = cli("run", Files.writeString(dir.resolve(platform + ".yml"), yaml));
    assertThat(run.code).as(run.text).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
      for (String stream : streams) {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + platform + "." + stream)) {
          rs.next();
          assertThat(rs.getLong(1)).as(stream).isEqualTo(300);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCredentials")
  void aRejectedCredentialExitsTwoWithTheVendorsMessageAndTheFix(String platform, SandboxPlatform simulator,
      String root, String credentials, String vendorMessage, String fix) throws Exception {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(simulator).withRows(5))) {
      Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-right-secret");
      String yaml = "source:\n  type: " + platform + "\n  base_url: " + sandbox.baseUrl() + root + "\n  "
          + credentials.formatted(wrong, wrong) + "\nsink:\n  type: duckdb\n  path: " + dir.resolve("x.duckdb")
          + "\nstreams:\n  - name: " + (platform.equals("gainsight") ? "companies" : "accounts") + "\n"
          + "    primary_key: [" + (platform.equals("gainsight") ? "Gsid" : platform.equals("totango") ? "name" : "Id")
          + "]\n";
      Output check = cli("check", Files.writeString(dir.resolve(platform + "-bad.yml"), yaml));
      assertThat(check.code).as(check.text).isEqualTo(2);
      assertThat(check.text).contains(vendorMessage).contains(fix).doesNotContain("not-the-right-secret");
    }
  }

  private record Output(int code, String text) {}

  private Output cli(String command, Path job) {
    System.setProperty("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("repo").toAbsolutePath()
        + ";WRITE_DELAY=0");
    System.setProperty("tributary.state-dir", dir.resolve("state").toString());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      int code = TestCommandLine.execute(out, out, command, job.toString());
      return new Output(code, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.clearProperty("spring.datasource.url");
      System.clearProperty("tributary.state-dir");
    }
  }
}
