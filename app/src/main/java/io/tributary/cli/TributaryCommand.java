package io.tributary.cli;

import io.tributary.core.TributaryException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./tributary}: the top-level command and its exit-code contract (0 ok, 1 restartable, 2 config/usage, 3 busy:
 * another process holds the job or its files, try later).
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0",
    description = "Extract business-system data and load it into your warehouse.",
    // every subcommand inherits --help, --version and the default values in its option list
    scope = CommandLine.ScopeType.INHERIT, showDefaultValues = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:failed, restartable: run the same command again",
        "2:configuration or usage error (the message names file : field : what : fix)",
        "3:busy: another process holds the job or its files; try later"},
    subcommands = {RunCommand.class, CheckCommand.class, DiscoverCommand.class, StatusCommand.class,
        ListCommand.class, WorkerCommand.class, MartsCommand.class, QueryCommand.class, McpCommand.class,
        ScheduleCommand.class, CommandLine.HelpCommand.class})
public final class TributaryCommand implements Callable<Integer> {

  public static final int OK = 0;
  public static final int RESTARTABLE = 1;
  public static final int CONFIG = 2;
  public static final int BUSY = 3;

  private final EngineContext engine;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private TributaryCommand(EngineContext engine) {
    this.engine = engine;
  }

  EngineContext engine() {
    return engine;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return CONFIG;
  }

  /** Runs the command line with {@code engine} (started on first use, closed at the end) and returns the exit code. */
  public static int execute(EngineContext engine, PrintStream out, PrintStream err, String... args) {
    CommandLine cli = commandLine(engine);
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setExitCodeExceptionMapper(e -> e instanceof TributaryException te ? te.kind().exitCode() : RESTARTABLE);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("error: " + e.getMessage());
      e.getCommandLine().usage(err);
      return CONFIG;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      TributaryException te = TributaryException.find(e);
      if (te != null) {
        err.println("error: " + te.describe());
        return te.kind().exitCode();
      }
      err.println("error: " + e);
      return RESTARTABLE;
    });
    engine.command = String.join(" ", args);
    try {
      return cli.execute(args);
    } finally {
      engine.close();
    }
  }

  /** The command tree: every command this distribution offers, each with --help and --version. */
  static CommandLine commandLine(EngineContext engine) {
    CommandLine cli = new CommandLine(new TributaryCommand(engine));
    if (simulatorsPresent()) {
      cli.addSubcommand(new SandboxCommand());
    }
    cli.addSubcommand(new CompletionCommand());
    return cli;
  }

  /**
   * The simulators (tributary-sandbox) are in the default distribution and left out of slim ones
   * (docs/distributions.md); {@code sandbox} is offered only where they are, so its class is never loaded without them.
   */
  static boolean simulatorsPresent() {
    try {
      Class.forName("io.tributary.sandbox.SandboxServer", false, TributaryCommand.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
