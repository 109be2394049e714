package io.tributary.reliability;

import io.tributary.cli.TestCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The real command line, in-process, against a state folder and H2 job repository of the caller's own; returns the
 * exit code and everything a user would have seen (stdout and stderr together).
 */
final class Cli {

  record Result(int exitCode, String output) {}

  private final Path stateDir;

  Cli(Path stateDir) {
    this.stateDir = stateDir;
  }

  static String repositoryUrl(Path stateDir) {
    return "jdbc:h2:file:" + stateDir.resolve("repository").toAbsolutePath() + ";WRITE_DELAY=0";
  }

  Result run(String... args) {
    System.setProperty("spring.datasource.url", repositoryUrl(stateDir));
    System.setProperty("tributary.state-dir", stateDir.toString());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(new Tee(buffer, System.out), true, StandardCharsets.UTF_8);
    try {
      int code = TestCommandLine.execute(capture, capture, args);
      return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.clearProperty("spring.datasource.url");
      System.clearProperty("tributary.state-dir");
    }
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
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
