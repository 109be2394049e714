package io.tributary.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/chaos}: the crash matrix. {@code --trials N} (default 20) per scenario, {@code --job <scenario>}
 * (repeatable; default all), {@code --seed S}, {@code --rows R}, {@code --load-ms M} (the first guess of a load's
 * duration after "Running job", over which kills are spread until a run that outlives its kill moment shows the real
 * one; default 3000), {@code --out DIR}, {@code --in-process} (reruns in this JVM, as
 * {@code CrashMatrixIT} does, instead of a fresh {@code tributary run} JVM each). Prints the table and writes it to
 * {@code <out>/crash-matrix.md}; exits 1 when any trial lost, duplicated or left a stale row.
 */
public final class ChaosMain {

  private ChaosMain() {}

  public static void main(String[] args) throws Exception {
    int trials = 20;
    long seed = 1;
    int rows = 5000;
    long loadMillis = 3000;
    Path out = Path.of("bench/out/chaos");
    List<String> jobs = new ArrayList<>();
    boolean inProcess = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--trials" -> trials = Integer.parseInt(args[++i]);
        case "--job" -> jobs.add(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--load-ms" -> loadMillis = Long.parseLong(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--in-process" -> inProcess = true;
        default -> {
          System.err.println("unknown option " + args[i] + "; scenarios: " + ChaosScenarios.names());
          System.exit(2);
        }
      }
    }
    List<ChaosScenario> scenarios = ChaosScenarios.select(jobs, rows);
    CrashMatrix matrix = new CrashMatrix(out.toAbsolutePath(), seed,
        inProcess ? CrashMatrix.inProcess() : CrashMatrix.freshJvm(), loadMillis);
    List<CrashMatrix.Row> table = new ArrayList<>();
    for (ChaosScenario s : scenarios) {
      try (s) {
        table.add(matrix.run(s, trials));
      }
    }
    String md = table(table, seed);
    System.out.println(md);
    Files.createDirectories(out);
    Files.writeString(out.resolve("crash-matrix.md"), md);
    System.exit(table.stream().allMatch(CrashMatrix.Row::clean) ? 0 : 1);
  }

  static String table(List<CrashMatrix.Row> rows, long seed) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
        "| scenario | trials | kills | reruns | missing | duplicated | stale | extra | trials settled by the next run |%n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|%n"));
    for (CrashMatrix.Row r : rows) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d |%n", r.scenario(),
          r.trials(), r.kills(), r.reruns(), r.missing(), r.duplicated(), r.stale(), r.extra(),
          r.settledByNextRun()));
    }
    md.append(String.format(Locale.ROOT, "%nseed %d; %d cores; %s%n", seed,
        Runtime.getRuntime().availableProcessors(), java.time.LocalDate.now()));
    for (CrashMatrix.Row r : rows) {
      r.examples().forEach(e -> md.append("- ").append(r.scenario()).append(' ').append(e).append('\n'));
    }
    return md.toString();
  }
}
