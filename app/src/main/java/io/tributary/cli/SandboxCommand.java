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
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./tributary sandbox}: serves the vendor API simulators on loopback until interrupted, for trying jobs,
 * fault injection and benchmarks by hand.
 */
@Command(name = "sandbox", description = "Serve the SaaS API simulators on 127.0.0.1 until Ctrl-C.",
    footer = {"", "Simulator options: --port=N --seed=N --rows=N --rows.<Object>=N --threads=N",
        "  --faults=429:5%,500:2%,timeout:1%,slow:200ms@5%,reset:1%,malformed:0.1%,expire-token-after:300s",
        "  --rate-limit=N (requests/s) --daily-limit=N --timeout-hold=30s --set platform.key=value"})
final class SandboxCommand extends CliCommand implements Callable<Integer> {

  @Option(names = "--platform", split = ",", description = "simulators to serve (default: all)")
  List<String> platforms = new ArrayList<>();

  @Unmatched
  List<String> simulatorOptions = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
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
    SandboxOptions options = SandboxOptions.parse(simulatorOptions.toArray(String[]::new));
    for (SandboxPlatformProvider p : chosen) {
      options = options.withPlatform(p.platform());
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (SandboxServer server = SandboxServer.start(options)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      out().println("Sandbox listening on " + server.baseUrl() + " (seed " + options.seed() + ", faults: "
          + (options.faults().rules().isEmpty() && options.faults().tokenLifetime() == null ? "none"
              : String.join(",", simulatorOptions)) + ")");
      for (SandboxPlatformProvider p : chosen) {
        out().println("  " + p.name() + ": " + p.usage(server.baseUrl()));
      }
      out().println("Press Ctrl-C to stop.");
      out().flush();
      stop.await();
    }
    return TributaryCommand.OK;
  }
}
