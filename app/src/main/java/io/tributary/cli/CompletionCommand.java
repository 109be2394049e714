package io.tributary.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./tributary completion}: prints the bash/zsh completion script picocli generates from the command model, so
 * it always lists the commands and options this build has. {@code source <(./tributary completion)}.
 */
@Command(name = "completion", description = {"Print a bash/zsh completion script for ./tributary.",
    "Use: source <(./tributary completion), or save it under /etc/bash_completion.d/tributary."})
final class CompletionCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    var root = spec.root().commandLine();
    spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
    spec.commandLine().getOut().flush();
    return TributaryCommand.OK;
  }
}
