package io.tributary.cli;

import io.tributary.core.NameSuggester;
import io.tributary.core.TributaryException;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatformProvider;
import io.tributary.sandbox.SandboxServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./tributary sandbox}: serves the vendor API simulators on loopback until interrupted, for trying jobs by
 * hand, fault injection and benchmarks. The simulator options are declared here for the help text and handed to
 * {@link SandboxOptions#parse}, the one parser the simulators' own launchers use too.
 */
@Command(name = "sandbox", description = "Serve the SaaS API simulators on 127.0.0.1 until Ctrl-C.",
    footer = {"", "Per-object rows: --rows.<Object>=N (for example --rows.Opportunity=1000000).",
        "Fault spec: 429:5%%,500:2%%,timeout:1%%,slow:200ms@5%%,reset:1%%,malformed:0.1%%,expire-token-after:300s"})
final class SandboxCommand extends CliCommand implements Callable<Integer> {

  @Option(names = "--platform", split = ",", showDefaultValue = Help.Visibility.NEVER,
      description = {"simulators to serve, comma-separated", "  Default: all"})
  List<String> platforms = new ArrayList<>();

  @Option(names = "--port", defaultValue = "0", description = "TCP port on 127.0.0.1 (0: any free port)")
  int port;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the dataset and of the fault sequence")
  long seed;

  @Option(names = "--rows", defaultValue = "1000", description = "generated rows per object")
  long rows;

  @Option(names = "--threads", defaultValue = "4", description = "server worker threads")
  int threads;

  @Option(names = "--faults", defaultValue = "none", description = "faults to inject (see the fault spec below)")
  String faults;

  @Option(names = "--rate-limit", defaultValue = "0",
      description = "requests per second answered with the vendor's 429 past it (0: no limit)")
  int rateLimit;

  @Option(names = "--daily-limit", defaultValue = "0", description = "the vendor's daily API call limit (0: none)")
  long dailyLimit;

  @Option(names = "--timeout-hold", defaultValue = "30s", description = "how long a timeout fault holds a connection")
  String timeoutHold;

  @Option(names = "--set", showDefaultValue = Help.Visibility.NEVER,
      description = {"a platform setting platform.key=value (repeatable)", "  Default: none"})
  List<String> settings = new ArrayList<>();

  /** {@code --rows.<Object>=N}: object names are the platforms', so they cannot be declared. */
  @Unmatched
  List<String> perObjectRows = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    List<SandboxPlatformProvider> chosen = chosenPlatforms();
    SandboxOptions options = SandboxOptions.parse(simulatorArguments().toArray(String[]::new));
    for (SandboxPlatformProvider p : chosen) {
      options = options.withPlatform(p.platform());
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (RunMetrics metrics = RunMetrics.serving(out());
        SandboxServer server = SandboxServer.start(options)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      out().println(banner(server.baseUrl(), options));
      for (SandboxPlatformProvider p : chosen) {
        out().println("  " + p.name() + ": " + p.usage(server.baseUrl()));
      }
      out().println("Press Ctrl-C to stop.");
      out().flush();
      stop.await();
    }
    return TributaryCommand.OK;
  }

  private List<SandboxPlatformProvider> chosenPlatforms() {
    Map<String, SandboxPlatformProvider> known = new TreeMap<>();
    engine().beans(SandboxPlatformProvider.class).forEach(p -> known.put(p.name(), p));
    List<SandboxPlatformProvider> chosen = new ArrayList<>();
    for (String name : platforms.isEmpty() ? List.copyOf(known.keySet()) : platforms) {
      SandboxPlatformProvider p = known.get(name);
      if (p == null) {
        throw TributaryException.config("no simulator named '" + name + "'",
            NameSuggester.didYouMean(name, known.keySet()) + "available: " + String.join(", ", known.keySet()));
      }
      chosen.add(p);
    }
    return chosen;
  }

  /** The first line: where, with which seed and rows, and the faults injected (only those: not every option). */
  String banner(String baseUrl, SandboxOptions options) {
    return "Sandbox listening on " + baseUrl + " (seed " + options.seed() + ", rows " + options.rowsPerObject()
        + ", faults: " + faults + ")";
  }

  /** The options in {@link SandboxOptions#parse}'s form, which validates them. */
  List<String> simulatorArguments() {
    List<String> args = new ArrayList<>(List.of("--port=" + port, "--seed=" + seed, "--rows=" + rows,
        "--threads=" + threads, "--rate-limit=" + rateLimit, "--daily-limit=" + dailyLimit,
        "--timeout-hold=" + timeoutHold));
    args.add("--faults=" + faults);
    settings.forEach(s -> args.add("--set=" + s));
    args.addAll(perObjectRows);
    return args;
  }
}
