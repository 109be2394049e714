package io.tributary.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands: they print through picocli's writer, so tests and embedders can capture output, and reach
 * the engine through the context the top-level command was given.
 */
abstract class CliCommand {

  @Spec
  CommandSpec spec;

  @ParentCommand
  TributaryCommand parent;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  EngineContext engine() {
    return parent.engine();
  }
}
