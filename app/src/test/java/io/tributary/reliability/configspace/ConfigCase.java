package io.tributary.reliability.configspace;

import java.util.List;

/**
 * A generated case: a job file's choices, the source's first rows, and the steps after the first run.
 *
 * @param concurrentFirstRun the first run is two runs started together on a fresh repository and warehouse
 */
record ConfigCase(JobSpec spec, int initialRows, boolean adversarialInitial, List<Step> steps, long valueSeed,
    boolean concurrentFirstRun) {

  String describe() {
    StringBuilder b = new StringBuilder("job: ").append(spec).append("\nsource: ").append(initialRows)
        .append(adversarialInitial ? " adversarial" : "").append(" rows, value seed ").append(valueSeed)
        .append("\n  step 0: ")
        .append(concurrentFirstRun ? "two first runs (child JVMs) started together" : "first run");
    for (int i = 0; i < steps.size(); i++) {
      b.append("\n  step ").append(i + 1).append(": ").append(steps.get(i));
      if (steps.get(i).tamper() != Step.Tamper.NONE && spec.mode() == JobSpec.Mode.APPEND) {
        b.append(" (the target is left alone for append: its history cannot be reloaded)");
      }
    }
    return b.toString();
  }
}
