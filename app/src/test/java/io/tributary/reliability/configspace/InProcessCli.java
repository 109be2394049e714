package io.tributary.reliability.configspace;

import io.tributary.testsupport.ChildJvm;
import io.tributary.cli.TestCommandLine;
import io.tributary.testsupport.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real command line, in this JVM (fast: no JVM start), against the case's own state folder and job repository
 * (an H2 file, or a PostgreSQL schema). Not thread-safe: the repository and the injected failures are system
 * properties.
 */
final class InProcessCli {

  record Result(int exitCode, String output) {}

  private final Path stateDir;
  private final String repositoryUrl;
  private final boolean postgresRepository;

  InProcessCli(Path stateDir, String repositorySchema) {
    this.stateDir = stateDir;
    this.postgresRepository = repositorySchema != null;
    this.repositoryUrl = postgresRepository
        ? TestPostgres.url() + (TestPostgres.url().contains("?") ? "&" : "?") + "currentSchema=" + repositorySchema
        : "jdbc:h2:file:" + stateDir.resolve("repository").toAbsolutePath() + ";WRITE_DELAY=0";
  }

  Result run(String... args) {
    System.setProperty("spring.datasource.url", repositoryUrl);
    System.setProperty("tributary.state-dir", stateDir.toString());
    if (postgresRepository) {
      System.setProperty("spring.datasource.username", TestPostgres.user());
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    try {
      int code = TestCommandLine.execute(capture, capture, args);
      if (Boolean.getBoolean("configspace.timing")) {
        System.err.printf("[timing] %s %d ms%n", String.join(" ", args).replaceAll(".*/", ""), (System.nanoTime() - t0) / 1_000_000);
      }
      return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return new Result(-1, buffer.toString(StandardCharsets.UTF_8) + "\nthrown: " + e);
    } finally {
      System.clearProperty("spring.datasource.url");
      System.clearProperty("tributary.state-dir");
      System.clearProperty("spring.datasource.username");
    }
  }

  /** The same command in a child JVM (to kill it, or to run two at once), output to {@code log}. */
  Process start(Path log, String... args) throws java.io.IOException {
    return start(stateDir, log, args);
  }

  /**
   * A child JVM as if on another host: its own state folder (the working directory's {@code .tributary}), the same
   * job repository. Only meaningful with a PostgreSQL repository; the H2 one lives in the state folder.
   */
  Process startOnAnotherHost(Path otherStateDir, Path log, String... args) throws java.io.IOException {
    return start(postgresRepository ? otherStateDir : stateDir, log, args);
  }

  private Process start(Path stateDir, Path log, String... args) throws java.io.IOException {
    List<String> cmd = new ArrayList<>(ChildJvm.command(args.length > 0 && args[0].equals("run")));
    cmd.addAll(List.of("-Dspring.datasource.url=" + repositoryUrl, "-Dtributary.state-dir=" + stateDir));
    if (postgresRepository) {
      cmd.add("-Dspring.datasource.username=" + TestPostgres.user());
    }
    cmd.add("io.tributary.cli.TestCommandLine");
    cmd.addAll(List.of(args));
    return ChildJvm.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()));
  }
}
