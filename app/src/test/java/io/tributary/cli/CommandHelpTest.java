package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.TributaryApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help} and {@code help <command>} succeed and list every option the command model declares,
 * each with its default; a usage error is exit 2 with the usage. The commands and options come from picocli's model
 * of the real command tree, so a command or option added later is covered without touching this test.
 */
@Tag("unit")
class CommandHelpTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TributaryApplication.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every command of the tree except the root, as the words that name it ({@code run}, ...). */
  static Stream<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(TributaryCommand.commandLine(new EngineContext(TributaryApplication.class)), new ArrayList<>(), all);
    return all.stream();
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> all) {
    cli.getSubcommands().forEach((name, sub) -> {
      if (!name.equals(sub.getCommandName())) {
        return; // an alias of a command already listed
      }
      List<String> words = new ArrayList<>(path);
      words.add(name);
      all.add(words);
      collect(sub, words, all);
    });
  }

  private static CommandSpec spec(List<String> words) {
    CommandLine cli = TributaryCommand.commandLine(new EngineContext(TributaryApplication.class));
    for (String w : words) {
      cli = cli.getSubcommands().get(w);
    }
    return cli.getCommandSpec();
  }

  @Test
  void theTreeHasTheDocumentedCommands() {
    assertThat(commands().map(w -> String.join(" ", w))).contains("run", "check", "discover", "status", "list",
        "worker", "marts", "query", "mcp", "sandbox", "help", "completion");
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("commands")
  void helpSucceedsAndListsEveryOptionWithItsDefault(List<String> words) {
    List<String> args = new ArrayList<>(words);
    args.add("--help");
    Run r = run(args.toArray(String[]::new));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Usage: tributary " + String.join(" ", words));
    for (OptionSpec o : spec(words).options()) {
      assertThat(r.out()).as("option " + o.longestName()).contains(o.longestName());
      if (o.defaultValue() != null && !o.defaultValue().isEmpty()) {
        assertThat(optionBlock(r.out(), o.longestName())).as("default of " + o.longestName())
            .contains(o.defaultValue());
      }
    }
  }

  /** The lines of the option list that describe {@code name}: its line and the continuation lines under it. */
  private static String optionBlock(String help, String name) {
    String[] lines = help.split("\n");
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].matches("\\s*(-\\w, )?" + java.util.regex.Pattern.quote(name) + "\\b.*")) {
        block.append(lines[i]).append('\n');
        for (int j = i + 1; j < lines.length && lines[j].matches("\\s{8,}\\S.*"); j++) {
          block.append(lines[j]).append('\n');
        }
      }
    }
    return block.toString();
  }

  @ParameterizedTest(name = "help {0}")
  @MethodSource("commands")
  void helpCommandPrintsTheSameUsage(List<String> words) {
    List<String> args = new ArrayList<>(words);
    args.add("--help");
    List<String> viaHelp = new ArrayList<>(List.of("help"));
    viaHelp.addAll(words);

    Run r = run(viaHelp.toArray(String[]::new));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(run(args.toArray(String[]::new)).out());
  }

  @Test
  void theSandboxPlatformOptionTheReadmeNamesIsInTheHelp() {
    Run r = run("sandbox", "--help");

    assertThat(r.out()).contains("--platform=<platforms>").contains("--rows=<rows>").contains("Default: 1000");
  }

  @Test
  void aUsageErrorIsExitTwoWithTheUsage() {
    Run missing = run("run");
    Run unknown = run("status", "--no-such-option");

    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required parameter: '<jobFile>'").contains("Usage: tributary run");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--no-such-option'").contains("Usage: tributary status");
  }

  @Test
  void completionScriptCoversEveryCommand() {
    Run r = run("completion");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F _complete_tributary");
    commands().filter(w -> w.size() == 1).forEach(w -> assertThat(r.out()).contains(w.get(0)));
    assertThat(r.out()).contains("--full-refresh").contains("--platform");
  }
}
