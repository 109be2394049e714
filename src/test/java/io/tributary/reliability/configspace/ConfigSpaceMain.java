package io.tributary.reliability.configspace;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench/config-space [--tries N] [--seed S] [--child-per-mille M] [--minutes T] [--no-infinity] [--out DIR]}: the long budget
 * of the configuration-space tester. Exit 1 on any discrepancy.
 */
public final class ConfigSpaceMain {

  private ConfigSpaceMain() {}

  public static void main(String[] args) throws Exception {
    int tries = 2000;
    long seed = System.currentTimeMillis();
    int child = 8;
    double minutes = 40;
    Path out = Path.of("bench/out/config-space");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--tries" -> tries = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--child-per-mille" -> child = Integer.parseInt(args[++i]);
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--no-infinity" -> System.setProperty(CaseGenerators.NO_INFINITY, "true");
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    System.out.printf("[config-space] seed %d, up to %d cases or %.0f minutes, work files in %s%n", seed, tries,
        minutes, out);
    ConfigSpaceSearch.Report r = new ConfigSpaceSearch(out, System.out, child)
        .search(seed, tries, (long) (minutes * 60_000));
    ConfigSpaceSearch.print(r, System.out);
    System.exit(r.discrepancies().isEmpty() ? 0 : 1);
  }
}
