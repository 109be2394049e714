package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tributary status} in a folder where nothing has run answers "no runs" and leaves the folder as it was: no
 * {@code .tributary/} (job repository, logs) is created by a read-only command.
 */
@Tag("process")
class StatusInEmptyFolderIT {

  /**
   * The assembled jar (package runs before the integration tests): the test class path has JDBC drivers and test
   * libraries that log as they load, which the product does not have.
   */
  private static final Path JAR = Path.of("target/tributary.jar").toAbsolutePath();

  @Test
  void statusInAnEmptyFolderCreatesNothing(@TempDir Path empty) throws Exception {
    Path log = Files.createTempFile("status", ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "status"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(empty.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("TRIBUTARY_REPOSITORY_URL");
    pb.environment().remove("SPRING_DATASOURCE_URL");
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("status finished").isTrue();

    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("No runs yet here");
    try (var files = Files.walk(empty)) {
      assertThat(files.toList()).as(Files.readString(log)).containsExactly(empty);
    }
  }

  @Test
  void anH2FileUrlWhoseFileIsAbsentIsMissingAndOtherRepositoriesAreNot(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("repo") + ";WRITE_DELAY=0";

    assertThat(RepositoryOwner.missingH2File(url)).contains(dir.resolve("repo.mv.db"));
    Files.createFile(dir.resolve("repo.mv.db"));
    assertThat(RepositoryOwner.missingH2File(url)).isEmpty();
    assertThat(RepositoryOwner.missingH2File("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
    assertThat(RepositoryOwner.missingH2File("jdbc:h2:mem:x")).isEmpty();
  }
}
