package io.tributary.engine;

import io.tributary.config.LoadedJob;
import io.tributary.core.NameSuggester;
import io.tributary.config.SecretFields;
import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.SinkProvider;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.SourceSandbox;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds the source and sink providers (Spring components in {@code source/*} and {@code sink/*}) by their
 * {@code type} and builds them from a job's blocks, with errors located in the job file. A source block with a
 * {@code sandbox:} block is built by {@link SourceSandboxes} against a simulator, when the distribution has one. A slim
 * distribution ({@code tributary.distribution} other than {@code default}, docs/distributions.md) has only some
 * platforms: an unknown type there says so.
 */
@Component
public class PlatformRegistry {

  private final Map<String, SourceProvider<?>> sources = new TreeMap<>();
  private final Map<String, SinkProvider<?>> sinks = new TreeMap<>();
  private final SourceSandboxes sandboxes;
  private final String distribution;

  /** {@code simulators} is empty in a distribution without the sandbox module. */
  public PlatformRegistry(List<SourceProvider<?>> sourceProviders, List<SinkProvider<?>> sinkProviders,
      List<SourceSandbox<?>> simulators, @Value("${tributary.distribution:default}") String distribution) {
    sourceProviders.forEach(p -> sources.put(p.type(), p));
    sinkProviders.forEach(p -> sinks.put(p.type(), p));
    this.sandboxes = new SourceSandboxes(simulators);
    this.distribution = distribution;
  }

  public Source createSource(LoadedJob job) {
    return create(sourceProvider(job), job);
  }

  public Sink createSink(LoadedJob job) {
    return create(sinkProvider(job), job);
  }

  /**
   * Checks, without connecting to anything, what {@link #createSource} and {@link #createSink} would refuse: an
   * unknown source or sink type, a secret reference that does not resolve, a source or sink block that does not bind
   * to its platform's config. {@code check} calls it before it calls a job file valid.
   */
  public void validate(LoadedJob job) {
    SourceProvider<?> source = sourceProvider(job);
    SinkProvider<?> sink = sinkProvider(job);
    SecretFields.checkResolvable(job.binder(), "source", job.config().source());
    SecretFields.checkResolvable(job.binder(), "sink", job.config().sink());
    Map<String, Object> block = withoutType(job.config().source());
    if (!SourceSandboxes.requested(block)) {
      job.binder().bindMap(block, source.configType(), "source");
    }
    job.binder().bindMap(withoutType(job.config().sink()), sink.configType(), "sink");
  }

  private SourceProvider<?> sourceProvider(LoadedJob job) {
    String type = job.config().sourceType();
    SourceProvider<?> provider = sources.get(type);
    if (provider == null) {
      throw job.binder().error("source.type", "unknown source type '" + type + "'", unknownHint(type,
          sources.keySet(), "sources"));
    }
    return provider;
  }

  private SinkProvider<?> sinkProvider(LoadedJob job) {
    String type = job.config().sinkType();
    SinkProvider<?> provider = sinks.get(type);
    if (provider == null) {
      throw job.binder().error("sink.type", "unknown sink type '" + type + "'", unknownHint(type, sinks.keySet(),
          "warehouses"));
    }
    return provider;
  }

  private <C> Source create(SourceProvider<C> provider, LoadedJob job) {
    SecretFields.checkResolvable(job.binder(), "source", job.config().source());
    Map<String, Object> block = withoutType(job.config().source());
    if (SourceSandboxes.requested(block)) {
      return sandboxes.create(provider, job, block, context(job));
    }
    C config = job.binder().bindMap(block, provider.configType(), "source");
    return provider.create(config, context(job));
  }

  private <C> Sink create(SinkProvider<C> provider, LoadedJob job) {
    SecretFields.checkResolvable(job.binder(), "sink", job.config().sink());
    C config = job.binder().bindMap(withoutType(job.config().sink()), provider.configType(), "sink");
    return provider.create(config, context(job));
  }

  private String unknownHint(String type, Set<String> known, String kind) {
    String hint = NameSuggester.didYouMean(type, known) + "available: " + String.join(", ", known);
    if ("default".equals(distribution)) {
      return hint;
    }
    return hint + " (this is the slim '" + distribution + "' distribution of Tributary, without the other " + kind
        + ": use the default one, ./tributary or target/tributary.jar, or build one that has '" + type
        + "', see docs/distributions.md)";
  }

  static JobContext context(LoadedJob job) {
    return new JobContext(job.name(), job.file(), Path.of("").toAbsolutePath());
  }

  private static Map<String, Object> withoutType(Map<String, Object> block) {
    Map<String, Object> copy = new LinkedHashMap<>(block);
    copy.remove("type");
    return copy;
  }
}
