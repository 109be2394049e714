package io.tributary.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary check jobs/erp_to_databricks.yml} in a separate JVM, started in the repository's folder as a user
 * would, without the OAuth secret the example's sink block refers to: a configuration error (exit 2) that names the
 * file, the field and the missing variable, before any connection is attempted.
 */
@Tag("process")
class DatabricksExampleCheckIT {

  @TempDir
  Path dir;

  @Test
  void checkWithoutTheClientSecretNamesItAndExits2() throws Exception {
    // the tests run in the repository's folder (the app module's failsafe set-up), or in app/ from an IDE
    Path here = Path.of("").toAbsolutePath();
    Path repository = Files.isDirectory(here.resolve("jobs")) ? here : here.getParent();
    assertThat(repository.resolve("jobs/erp_to_databricks.yml")).exists();
    Path log = dir.resolve("check.log");
    // an empty variable counts as missing, and overrides one the developer may have exported
    int exit = new TributaryProcess(dir.resolve("state"), Map.of("DATABRICKS_CLIENT_SECRET", ""),
        Cli.repositoryUrl(dir.resolve("state")), repository).run(log, 120, "check", "jobs/erp_to_databricks.yml");
    String output = Files.readString(log);
    assertThat(exit).as(output).isEqualTo(2);
    assertThat(output).contains("jobs/erp_to_databricks.yml").contains("sink.client_secret")
        .contains("DATABRICKS_CLIENT_SECRET is missing or empty");
  }
}
