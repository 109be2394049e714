package io.tributary.cli;

import io.tributary.TributaryApplication;
import java.io.PrintStream;

/**
 * The {@code ./tributary} command line as tests run it: the production one, plus the testing options of
 * {@link InjectedFailureOptions} ({@code --fail-after-chunks}, {@code --fail-partition}), which production code does
 * not have. In this JVM through {@link #execute}, or as the main class of a child JVM started with the test class
 * path ({@code java -cp <test class path> io.tributary.cli.TestCommandLine run jobs/x.yml --fail-after-chunks 2}).
 */
public final class TestCommandLine {

  private TestCommandLine() {}

  /** Runs the command in this JVM and returns its exit code; injected failures end with it. */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    try {
      return TributaryApplication.execute(out, err, InjectedFailureOptions.install(args));
    } finally {
      InjectedFailureOptions.clear();
    }
  }

  public static void main(String[] args) {
    TributaryApplication.main(InjectedFailureOptions.install(args));
  }
}
