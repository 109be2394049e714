package io.tributary.reliability;

import io.tributary.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tributary} as a separate JVM (this JVM's classpath, the job's own state folder and H2 job repository), so
 * it can be killed with SIGKILL: no shutdown hooks, no finally blocks, no flush.
 */
final class TributaryProcess {

  private final Path stateDir;
  private final Map<String, String> env;
  private final String repositoryUrl;
  private final Path workDir;

  TributaryProcess(Path stateDir, Map<String, String> env) {
    this(stateDir, env, Cli.repositoryUrl(stateDir), null);
  }

  /**
   * With the job repository at {@code repositoryUrl} (for example a PostgreSQL schema shared by several processes),
   * started in {@code workDir} (null: this JVM's).
   */
  TributaryProcess(Path stateDir, Map<String, String> env, String repositoryUrl, Path workDir) {
    this.stateDir = stateDir;
    this.env = env;
    this.repositoryUrl = repositoryUrl;
    this.workDir = workDir;
  }

  /** Starts {@code tributary <args>}, output to {@code log}. */
  Process start(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(ChildJvm.command(args.length > 0 && args[0].equals("run")));
    cmd.addAll(List.of("-Dspring.datasource.url=" + repositoryUrl,
        "-Dtributary.state-dir=" + stateDir,
        "io.tributary.cli.TestCommandLine"));
    cmd.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().putAll(env);
    return ChildJvm.start(pb);
  }

  /** Runs to the end and returns the exit code. */
  int run(Path log, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    Process p = start(log, args);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("tributary " + String.join(" ", args) + " did not finish in "
          + timeoutSeconds + " s; see " + log);
    }
    return p.exitValue();
  }
}
