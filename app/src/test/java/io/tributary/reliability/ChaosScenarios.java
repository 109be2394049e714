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
    // The same sources with the incremental run killed instead of the first load: a Dataverse delta-link read,
    // an SAP $filter read after the stored (LastChangeDateTime, SalesOrder) watermark.
    ALL.put("dynamics-delta-duckdb", rows -> new SandboxChaosScenario(new DynamicsSandboxJob(true, 100), rows, 100));
    ALL.put("sap-incremental-duckdb", rows -> new SandboxChaosScenario(new SapSandboxJob(true, 100), rows, 100));
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
