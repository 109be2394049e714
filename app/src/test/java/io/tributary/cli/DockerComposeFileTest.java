package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docker/docker-compose.yml, checked without Docker: every job file a service runs (in its command or as the default
 * of a variable) exists in a folder the image copies and loads as a job; a job's {@code ${file:/run/secrets/X}}
 * names a secret its service mounts; every secret a service mounts is declared, with the file the usage comment asks
 * the user to create; the demo service loads PostgreSQL, as the file's header says.
 */
@Tag("unit")
class DockerComposeFileTest {

  /** Tests run in the repository root (the root pom sets surefire's working directory). */
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern JOB = Pattern.compile("(?:run|worker) (\\S+\\.ya?ml)|WORKER_JOB:-([^}]+)}");
  private static final Pattern SECRET_REF = Pattern.compile("\\$\\{file:/run/secrets/([^}]+)}");

  @Test
  void everyJobAndSecretTheComposeFileNamesExists() throws Exception {
    Path compose = ROOT.resolve("docker/docker-compose.yml");
    String text = Files.readString(compose);
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
    Set<String> copied = copiedFolders(Files.readString(ROOT.resolve("docker/Dockerfile")));
    Set<String> declared = new HashSet<>();
    root.path("secrets").fieldNames().forEachRemaining(declared::add);
    int jobs = 0;

    for (var it = root.path("services").fields(); it.hasNext(); ) {
      var service = it.next();
      Set<String> mounted = new HashSet<>();
      service.getValue().path("secrets").forEach(s -> mounted.add(s.asText()));
      assertThat(declared).as("secrets of " + service.getKey()).containsAll(mounted);
      Matcher m = JOB.matcher(service.getValue().toString());
      while (m.find()) {
        String job = m.group(1) != null ? m.group(1) : m.group(2);
        if (job.contains("$")) {
          continue; // the variable, whose default is matched on its own
        }
        jobs++;
        assertThat(copied).as(job + " is in a folder the image copies").anyMatch(job::startsWith);
        Path file = ROOT.resolve(job);
        assertThat(file).as(service.getKey() + " runs " + job).isRegularFile();
        LoadedJob loaded = JobConfigLoader.load(file);
        Matcher ref = SECRET_REF.matcher(Files.readString(file));
        while (ref.find()) {
          assertThat(mounted).as(job + " reads secret " + ref.group(1) + " in " + service.getKey())
              .contains(ref.group(1));
        }
        if (service.getKey().equals("tributary")) {
          assertThat(loaded.config().sinkType()).as("the demo service loads PostgreSQL").isEqualTo("postgres");
        }
      }
    }
    assertThat(jobs).as("job files named by the services").isGreaterThanOrEqualTo(3);
    for (var it = root.path("secrets").fields(); it.hasNext(); ) {
      var secret = it.next();
      String file = secret.getValue().path("file").asText();
      assertThat(text).as("the usage tells how to create " + file)
          .contains("> docker/" + Path.of(file).getFileName());
    }
  }

  /** The folders the runtime image copies from the build context ({@code COPY x x} after the last FROM). */
  private static Set<String> copiedFolders(String dockerfile) {
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    Matcher m = Pattern.compile("\\nCOPY (\\S+) \\S+").matcher(runtime);
    List<String> folders = new ArrayList<>();
    while (m.find()) {
      if (!m.group(1).startsWith("--")) {
        folders.add(m.group(1) + "/");
      }
    }
    return new HashSet<>(folders);
  }
}
