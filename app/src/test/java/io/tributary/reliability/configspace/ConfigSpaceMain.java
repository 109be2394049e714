package io.tributary.reliability.configspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/config-space [--tries N] [--seed S] [--workers W] [--child-per-mille M] [--minutes T] [--no-infinity]}:
 * the long budget of the configuration-space tester. Case {@code k} has seed {@code S + k}; with {@code --workers W}
 * W JVMs share the cases (worker {@code w} runs k = w, w + W, ...) and their reports are summed. Exit 1 on any
 * discrepancy.
 */
public final class ConfigSpaceMain {

  private static final Pattern TOTALS = Pattern.compile(
      "cases tried: (\\d+) \\(refused at load: (\\d+)\\), discrepancies: (\\d+)");

  private ConfigSpaceMain() {}

  public static void main(String[] args) throws Exception {
    int tries = 2000;
    long seed = System.currentTimeMillis();
    int child = 8;
    int workers = 1;
    int offset = 0;
    int stride = 1;
    double minutes = 40;
    Path out = Path.of("bench/out/config-space");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--tries" -> tries = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--child-per-mille" -> child = Integer.parseInt(args[++i]);
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--worker" -> {
          offset = Integer.parseInt(args[++i]);
          stride = Integer.parseInt(args[++i]);
        }
        case "--out" -> out = Path.of(args[++i]);
        case "--no-infinity" -> System.setProperty(CaseGenerators.NO_INFINITY, "true");
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    if (workers > 1) {
      System.exit(parent(args, workers, out, seed));
    }
    System.out.printf("[config-space] seed %d, up to %d cases or %.0f minutes, work files in %s%n", seed, tries,
        minutes, out);
    ConfigSpaceSearch.Report r = new ConfigSpaceSearch(out, System.out, child)
        .search(seed, tries, (long) (minutes * 60_000), offset, stride);
    ConfigSpaceSearch.print(r, System.out);
    System.exit(r.discrepancies().isEmpty() ? 0 : 1);
  }

  /** Starts one JVM per worker with the same options and a fixed seed, waits, and sums their reports. */
  private static int parent(String[] args, int workers, Path out, long seed) throws Exception {
    long start = System.currentTimeMillis();
    List<Process> ps = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx768m", "-XX:+UseParallelGC", "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "-DTRIBUTARY_LOG_FILE=" + out.resolve("worker-" + w).resolve("tributary.log"),
          "-Dlogging.level.root=WARN", "-cp", System.getProperty("java.class.path"),
          ConfigSpaceMain.class.getName()));
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--workers") || args[i].equals("--seed") || args[i].equals("--out")) {
          i++;
        } else {
          cmd.add(args[i]);
        }
      }
      cmd.addAll(List.of("--seed", String.valueOf(seed), "--worker", String.valueOf(w), String.valueOf(workers),
          "--out", out.resolve("worker-" + w).toString()));
      Path log = Files.createDirectories(out.resolve("worker-" + w)).resolve("report.log");
      logs.add(log);
      ps.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }
    System.out.printf("[config-space] seed %d, %d workers; progress in %s/worker-*/report.log%n", seed, workers, out);
    int[] sums = new int[3];
    boolean failed = false;
    for (int w = 0; w < workers; w++) {
      failed |= ps.get(w).waitFor() != 0;
      String report = Files.readString(logs.get(w));
      Matcher m = TOTALS.matcher(report);
      if (m.find()) {
        for (int k = 0; k < 3; k++) {
          sums[k] += Integer.parseInt(m.group(k + 1));
        }
        System.out.print(report.substring(report.indexOf("=== discrepancy") < 0 ? report.length()
            : report.indexOf("=== discrepancy")));
      } else {
        System.out.println("[config-space] worker " + w + " printed no report:\n" + report);
        failed = true;
      }
    }
    double min = (System.currentTimeMillis() - start) / 60_000.0;
    System.out.printf("%n[config-space] %d workers: cases tried: %d (refused at load: %d), discrepancies: %d,"
        + " %.1f min, %.1f cases/min%n", workers, sums[0], sums[1], sums[2], min, sums[0] / min);
    return failed || sums[2] > 0 ? 1 : 0;
  }
}
