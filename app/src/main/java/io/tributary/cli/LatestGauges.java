package io.tributary.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

/**
 * Gauges that show the latest value given, also in a long-lived process where the same job runs again and again: a
 * gauge is registered once per name and tags (Micrometer keeps the first registration), its value is replaced.
 */
final class LatestGauges {

  private final MeterRegistry registry;
  private final Map<String, AtomicReference<DoubleSupplier>> values = new ConcurrentHashMap<>();

  LatestGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void set(String name, Tags tags, double value) {
    track(name, tags, () -> value);
  }

  /** A gauge computed when it is read (a lag grows between runs). */
  void track(String name, Tags tags, DoubleSupplier value) {
    values.computeIfAbsent(name + tags, k -> {
      AtomicReference<DoubleSupplier> ref = new AtomicReference<>(value);
      Gauge.builder(name, ref, r -> r.get().getAsDouble()).tags(tags).strongReference(true).register(registry);
      return ref;
    }).set(value);
  }
}
