package io.tributary.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** The crash-matrix scenarios by name. */
final class ChaosScenarios {

  private static final Map<String, IntFunction<ChaosScenario>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("jdbc-postgres", rows -> new JdbcChaosScenario(JdbcChaosScenario.Warehouse.POSTGRES, rows, 100));
    ALL.put("jdbc-duckdb", rows -> new JdbcChaosScenario(JdbcChaosScenario.Warehouse.DUCKDB, rows, 100));
    for (String name : SandboxJobs.names()) {
      ALL.put(name + "-duckdb", rows -> new SandboxChaosScenario(SandboxJobs.named(name), rows, 100));
    }
  }

  private ChaosScenarios() {}

  static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  static List<ChaosScenario> select(List<String> names, int rows) {
    List<ChaosScenario> out = new ArrayList<>();
    for (String n : names.isEmpty() ? names() : names) {
      IntFunction<ChaosScenario> f = ALL.get(n);
      if (f == null) {
        throw new IllegalArgumentException("unknown scenario '" + n + "'; choose from " + names());
      }
      out.add(f.apply(rows));
    }
    return out;
  }
}
