package io.tributary.engine;

import io.tributary.cli.TestCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs the real command line in-process, against a job repository (H2 file) and state folder of the test's own, and
 * captures what a user would see.
 */
final class CliRunner {

  record Result(int exitCode, String output) {}

  private final Path stateDir;
  private final String repositoryUrl;

  CliRunner(Path stateDir) {
    this(stateDir, "jdbc:h2:file:" + stateDir.resolve("repository").toAbsolutePath() + ";WRITE_DELAY=0");
  }

  /** With the job repository at {@code repositoryUrl} (for example a PostgreSQL schema). */
  CliRunner(Path stateDir, String repositoryUrl) {
    this.stateDir = stateDir;
    this.repositoryUrl = repositoryUrl;
  }

  Result run(String... args) {
    System.setProperty("spring.datasource.url", repositoryUrl);
    System.setProperty("tributary.state-dir", stateDir.toString());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(new TeeStream(buffer, System.out), true, StandardCharsets.UTF_8);
    try {
      int code = TestCommandLine.execute(capture, capture, args);
      return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.clearProperty("spring.datasource.url");
      System.clearProperty("tributary.state-dir");
    }
  }

  /** Writes to the capture buffer and the real stdout, so failures are visible in the build log. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
