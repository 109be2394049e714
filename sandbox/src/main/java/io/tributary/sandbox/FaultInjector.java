package io.tributary.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the fault (or none) for each request from a seeded random sequence, so a run with the same seed and the same
 * request order gets the same faults. Keeps a log of every draw for tests. Thread-safe; with concurrent clients the
 * order in which requests draw is the order they reach the server.
 */
public final class FaultInjector {

  private final FaultSpec spec;
  private final SplittableRandom random;
  private final List<String> log = new ArrayList<>();

  public FaultInjector(FaultSpec spec, long seed) {
    this.spec = spec;
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** The fault for the next request, or null for a normal answer. */
  public synchronized FaultRule next() {
    if (spec.rules().isEmpty()) {
      log.add("ok");
      return null;
    }
    double u = random.nextDouble() * 100.0;
    double edge = 0;
    for (FaultRule rule : spec.rules()) {
      edge += rule.percent();
      if (u < edge) {
        log.add(rule.label());
        return rule;
      }
    }
    log.add("ok");
    return null;
  }

  /** One label per request so far ("ok", "429", "timeout", ...). */
  public synchronized List<String> log() {
    return List.copyOf(log);
  }

  public FaultSpec spec() {
    return spec;
  }
}
