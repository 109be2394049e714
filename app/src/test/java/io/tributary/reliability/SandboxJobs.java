package io.tributary.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The SaaS sources that have a sandbox, by name. */
final class SandboxJobs {

  /** Short backoffs so fault runs finish quickly; enough attempts to ride out every injected fault class. */
  static final String FAST_RETRY = "{ initial_backoff: 20ms, max_backoff: 300ms, max_attempts: 12, read_timeout: 2s,"
      + " circuit_minimum_calls: 1000 }";

  private static final Map<String, Supplier<SandboxJob>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("salesforce-rest", () -> new SalesforceSandboxJob("rest"));
    ALL.put("salesforce-bulk", () -> new SalesforceSandboxJob("bulk"));
    ALL.put("hubspot", HubSpotSandboxJob::new);
    ALL.put("netsuite", NetSuiteSandboxJob::new);
    ALL.put("dynamics", () -> new DynamicsSandboxJob(false, 100));
    ALL.put("sap", () -> new SapSandboxJob(false, 100));
  }

  private SandboxJobs() {}

  static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  static SandboxJob named(String name) {
    Supplier<SandboxJob> s = ALL.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown sandbox source '" + name + "'; choose from " + names());
    }
    return s.get();
  }

  static List<SandboxJob> all() {
    List<SandboxJob> out = new ArrayList<>();
    ALL.values().forEach(s -> out.add(s.get()));
    return out;
  }
}
