package io.tributary.engine.partition;

import io.tributary.core.Cursor;
import io.tributary.core.PartitionableSource;
import io.tributary.core.ReadRequest;
import io.tributary.core.TributaryException;
import io.tributary.engine.state.CursorCodec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The parts of one partitioned stream in one run: asked of the source by the manager step before the partitions
 * start ({@link #split}), then handed to Spring Batch as each partition's step ExecutionContext (part name, bounds,
 * the watermark the read starts from). A restarted partition keeps the ExecutionContext of its first run, so it
 * resumes inside its own bounds.
 */
public final class PartitionPlan implements Partitioner {

  static final String PARTITION_KEY = "tributary.partition";
  static final String BOUND_PREFIX = "tributary.partition.bound.";
  static final String WATERMARK_BEFORE_KEY = "tributary.partition.watermark_before";
  /** Who ran the partition ({@code host/pid}), for people reading the job repository and for the tests. */
  public static final String RUNNER_KEY = "tributary.partition.runner";
  /** Why a partition failed, and the failure kind, for a manager that did not run it. */
  static final String ERROR_KEY = "tributary.partition.error";
  static final String ERROR_KIND_KEY = "tributary.partition.error_kind";

  private final PartitionableSource source;
  private final int count;
  private volatile Map<String, ExecutionContext> contexts = Map.of();

  PartitionPlan(PartitionableSource source, int count) {
    this.source = source;
    this.count = count;
  }

  /** Asks the source for the parts of {@code request}; called by the manager step before it partitions. */
  void split(ReadRequest request, Cursor watermark) {
    List<Map<String, String>> parts = source.partitions(request, count);
    Map<String, ExecutionContext> result = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      ExecutionContext ec = new ExecutionContext();
      String name = "p" + i;
      ec.putString(PARTITION_KEY, name);
      parts.get(i).forEach((k, v) -> ec.putString(BOUND_PREFIX + k, v));
      ec.putString(WATERMARK_BEFORE_KEY, CursorCodec.encode(watermark));
      result.put(name, ec);
    }
    contexts = result;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    return new HashMap<>(contexts);
  }

  /** The part names of the last split, in order. */
  List<String> names() {
    return List.copyOf(contexts.keySet());
  }

  Cursor lowestWatermark(List<Cursor> watermarks) {
    return source.lowestWatermark(watermarks);
  }

  static Map<String, String> bounds(ExecutionContext ec) {
    Map<String, String> bounds = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : ec.entrySet()) {
      if (e.getKey().startsWith(BOUND_PREFIX)) {
        bounds.put(e.getKey().substring(BOUND_PREFIX.length()), String.valueOf(e.getValue()));
      }
    }
    return bounds;
  }

  /**
   * Records in a partition's ExecutionContext who ran it and why it failed, for a manager in another process, which
   * sees only the job repository (messages never hold secrets).
   */
  public static void recordFailure(ExecutionContext ec, Throwable failure) {
    TributaryException te = TributaryException.find(failure);
    ec.putString(RUNNER_KEY, runner());
    ec.putString(ERROR_KEY, te != null ? te.getMessage()
        : failure.getClass().getSimpleName() + ": " + failure.getMessage());
    ec.putString(ERROR_KIND_KEY, te != null ? te.kind().name() : TributaryException.Kind.TRANSIENT.name());
  }

  static String runner() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown";
    }
    return host + "/" + ProcessHandle.current().pid();
  }
}
