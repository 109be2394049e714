package io.tributary.reliability.configspace;

import io.tributary.reliability.configspace.JobSpec.Mode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** After a run exited 0: the warehouse against the model, and the run's printed counts against the warehouse. */
final class RunChecks {

  private static final Pattern SUMMARY = Pattern.compile(
      "(?m)^\\s+items\\s+\\w+\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)");

  private final JobSpec spec;
  private final WarehouseReader warehouse;
  private final ExpectedWarehouse model;
  private final RowComparison comparison;

  RunChecks(JobSpec spec, WarehouseReader warehouse, ExpectedWarehouse model) {
    this.spec = spec;
    this.warehouse = warehouse;
    this.model = model;
    this.comparison = new RowComparison(spec);
  }

  /** The first problem, or null. {@code countsExact}: one plain run, so its summary must match the warehouse. */
  String after(int step, InProcessCli.Result r, WarehouseReader.Contents before, int sourceRows,
      boolean countsExact) throws Exception {
    WarehouseReader.Contents now = warehouse.read();
    if (now.rows() == null) {
      return "step " + step + ": exit 0 but the target table does not exist\n" + r.output();
    }
    List<String> diffs = comparison.differences(model.rows(), now.rows());
    if (!diffs.isEmpty()) {
      return "step " + step + ": the target differs from the model\n" + String.join("\n", diffs) + "\n"
          + StepRun.tail(r.output());
    }
    Set<String> expectedKeys = new TreeSet<>();
    model.quarantinedKeys().forEach(k -> expectedKeys.add(String.valueOf(k)));
    if (!expectedKeys.equals(now.quarantinedKeys())) {
      return "step " + step + ": quarantined keys " + now.quarantinedKeys() + ", model " + expectedKeys + "\n"
          + StepRun.tail(r.output());
    }
    return countsExact ? counts(step, r, before, now, sourceRows) : null;
  }

  private String counts(int step, InProcessCli.Result r, WarehouseReader.Contents before,
      WarehouseReader.Contents now, int sourceRows) {
    Matcher m = SUMMARY.matcher(r.output());
    if (!m.find()) {
      return "step " + step + ": no summary line for stream items\n" + r.output();
    }
    long read = number(m.group(1));
    long written = number(m.group(2));
    long quarantined = number(m.group(3));
    long quarantineDelta = now.quarantineRows() - before.quarantineRows();
    long rowsBefore = before.rows() == null ? 0 : before.rows().size();
    String counted = "summary read " + read + ", written " + written + ", quarantined " + quarantined;
    if (quarantined != quarantineDelta) {
      return "step " + step + ": " + counted + " but the quarantine gained " + quarantineDelta + " rows";
    }
    if (spec.mode() == Mode.APPEND && written != now.rows().size() - rowsBefore) {
      return "step " + step + ": " + counted + " but the target gained " + (now.rows().size() - rowsBefore) + " rows";
    }
    if (spec.mode() == Mode.REPLACE && written != now.rows().size()) {
      return "step " + step + ": " + counted + " but the replaced target holds " + now.rows().size() + " rows";
    }
    if (spec.lookback() == null && spec.partitions() == 1) {
      boolean incremental = spec.cursor().isCursor() && spec.mode() != Mode.REPLACE;
      long expectedRead = incremental ? model.lastRunNewVersions() : sourceRows;
      if (read != expectedRead || read != written + quarantined) {
        return "step " + step + ": " + counted + "; the model read " + expectedRead + " rows";
      }
    }
    return null;
  }

  private static long number(String s) {
    return Long.parseLong(s.replace(",", ""));
  }
}
