package io.tributary.reliability.configspace;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tries {@code tries} generated cases (seeds {@code seed}, {@code seed + 1}, ...) and collects every discrepancy
 * with what reproduces it: the seed, the job file, the steps, expected against actual.
 */
final class ConfigSpaceSearch {

  record Report(int tried, int refused, List<CaseRunner.Outcome> discrepancies, long millis) {
    double perMinute() {
      return tried * 60_000.0 / Math.max(1, millis);
    }
  }

  private final Path workDir;
  private final PrintStream out;
  private final int childPerMille;

  ConfigSpaceSearch(Path workDir, PrintStream out, int childPerMille) {
    this.workDir = workDir;
    this.out = out;
    this.childPerMille = childPerMille;
  }

  Report search(long seed, int tries, long maxMillis) {
    return search(seed, tries, maxMillis, 0, 1);
  }

  /** Cases {@code offset}, {@code offset + stride}, ... of the {@code tries} (a worker's share). */
  Report search(long seed, int tries, long maxMillis, int offset, int stride) {
    long start = System.currentTimeMillis();
    CaseRunner runner = new CaseRunner(workDir);
    List<CaseRunner.Outcome> bad = new ArrayList<>();
    int tried = 0;
    int refused = 0;
    for (int i = offset; i < tries && System.currentTimeMillis() - start < maxMillis; i += stride) {
      long caseSeed = seed + i;
      ConfigCase c = CaseGenerators.generate(caseSeed, childPerMille);
      CaseRunner.Outcome o;
      try {
        o = runner.run(c, caseSeed);
      } catch (Exception | AssertionError e) {
        o = new CaseRunner.Outcome(c, caseSeed, false, "the tester itself failed: " + e, "");
      }
      tried++;
      refused += o.refused() ? 1 : 0;
      if (!o.clean()) {
        bad.add(o);
      }
      out.printf("[config-space] case %d seed %d: %s%s%n", tried, caseSeed,
          o.clean() ? (o.refused() ? "refused at load (as LegalCombinations says)" : "ok") : "DISCREPANCY: "
              + o.discrepancy().lines().findFirst().orElse(""), "  [" + c.spec() + "]");
    }
    return new Report(tried, refused, bad, System.currentTimeMillis() - start);
  }

  static void print(Report r, PrintStream out) {
    out.printf("%n[config-space] cases tried: %d (refused at load: %d), discrepancies: %d, %.1f s, %.1f cases/min%n",
        r.tried(), r.refused(), r.discrepancies().size(), r.millis() / 1000.0, r.perMinute());
    for (CaseRunner.Outcome o : r.discrepancies()) {
      out.println("\n=== discrepancy, seed " + o.seed() + " (rerun: bench/config-space --seed " + o.seed()
          + " --tries 1)");
      out.println(o.configCase().describe());
      out.println("--- job file\n" + o.jobFile() + "--- expected vs actual");
      out.println(o.discrepancy());
    }
  }
}
