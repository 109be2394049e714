package io.tributary.engine;

import io.tributary.core.Cursor;
import io.tributary.core.PartitionableSource;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceSandbox;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import java.util.List;
import java.util.Map;

/** A real connector's source reading a simulator started for it; closing the source stops the simulator too. */
class SandboxedSource implements Source {

  private final Source source;
  private final SourceSandbox.Running simulator;

  SandboxedSource(Source source, SourceSandbox.Running simulator) {
    this.source = source;
    this.simulator = simulator;
  }

  /** Keeps the source's optional abilities visible: a partitionable source stays partitionable. */
  static Source of(Source source, SourceSandbox.Running simulator) {
    return source instanceof PartitionableSource p ? new Partitionable(p, simulator)
        : new SandboxedSource(source, simulator);
  }

  @Override
  public void check() {
    source.check();
  }

  @Override
  public List<StreamSchema> discover() {
    return source.discover();
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    return source.discover(stream, options);
  }

  @Override
  public void validateStream(String stream, Map<String, Object> options) {
    source.validateStream(stream, options);
  }

  @Override
  public StreamReader open(ReadRequest request) {
    return source.open(request);
  }

  @Override
  public void close() {
    try {
      source.close();
    } finally {
      simulator.close();
    }
  }

  private static final class Partitionable extends SandboxedSource implements PartitionableSource {

    private final PartitionableSource partitionable;

    Partitionable(PartitionableSource source, SourceSandbox.Running simulator) {
      super(source, simulator);
      this.partitionable = source;
    }

    @Override
    public List<Map<String, String>> partitions(ReadRequest request, int count) {
      return partitionable.partitions(request, count);
    }

    @Override
    public Cursor lowestWatermark(List<Cursor> watermarks) {
      return partitionable.lowestWatermark(watermarks);
    }
  }
}
