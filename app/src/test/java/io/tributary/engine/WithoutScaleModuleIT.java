package io.tributary.engine;

import io.tributary.testsupport.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distribution built without the scale-out module (tributary-scale-rabbitmq and the RabbitMQ / Spring Integration
 * libraries it brings): this JVM's class path without them, in a child JVM. A job with {@code scale:} must end as a
 * configuration error (exit 2) that names the missing module, for {@code run}, {@code worker} and {@code check}
 * alike, before anything is read or written.
 */
@Tag("db")
@Tag("process")
class WithoutScaleModuleIT {

  /** What the slim class path leaves out: the module, and the libraries only it needs. */
  private static final List<String> SCALE_OUT = List.of("scale/rabbitmq", "tributary-scale-rabbitmq",
      "spring-rabbit", "spring-amqp", "amqp-client", "spring-integration", "spring-batch-integration");

  @TempDir
  Path dir;

  @Test
  void aJobWithScaleIsRefusedWithExit2NamingTheModule() throws Exception {
    Path warehouse = dir.resolve("warehouse.duckdb");
    Path job = Files.writeString(dir.resolve("orders.yml"), """
        source: { type: jdbc, url: "jdbc:h2:mem:orders" }
        sink: { type: duckdb, path: "%s" }
        scale: { broker: { host: 127.0.0.1 } }
        streams:
          - { name: orders, primary_key: [id], cursor: id, partitions: 4 }
        """.formatted(warehouse));
    // the test's own class path has the module (else this proves nothing); the slim one has none of it
    assertThat(System.getProperty("java.class.path").replace(File.separatorChar, '/'))
        .containsAnyOf("scale/rabbitmq/", "tributary-scale-rabbitmq");
    String classPath = slimClassPath();
    assertThat(classPath.replace(File.separatorChar, '/')).doesNotContain("scale/rabbitmq/")
        .doesNotContain("tributary-scale-rabbitmq").doesNotContain("spring-rabbit");

    for (String command : List.of("run", "worker", "check")) {
      Path log = dir.resolve(command + ".log");
      int exit = tributary(classPath, log, command, job.toString());
      String output = Files.readString(log);
      assertThat(exit).as(command + ": " + output).isEqualTo(2);
      assertThat(output).as(command).contains("the scale: block of job 'orders' needs the scale-out module"
          + " tributary-scale-rabbitmq");
    }
    assertThat(warehouse).doesNotExist();
  }

  private static String slimClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> SCALE_OUT.stream().noneMatch(entry.replace(File.separatorChar, '/')::contains))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private int tributary(String classPath, Path log, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(ChildJvm.command(classPath));
    cmd.addAll(List.of("-Dspring.datasource.url=jdbc:h2:file:" + dir.resolve("state/repository") + ";WRITE_DELAY=0",
        "-Dtributary.state-dir=" + dir.resolve("state"), "io.tributary.TributaryApplication"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("tributary " + String.join(" ", args) + " did not end in 120 s: "
          + Files.readString(log));
    }
    return p.exitValue();
  }
}
