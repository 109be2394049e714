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
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Finds the source and sink providers (Spring components in {@code source/*} and {@code sink/*}) by their
 * {@code type} and builds them from a job's blocks, with errors located in the job file. A source block with a
 * {@code sandbox:} block is built by {@link SourceSandboxes} against a simulator, when the distribution has one.
 */
@Component
public class PlatformRegistry {

  private final Map<String, SourceProvider<?>> sources = new TreeMap<>();
  private final Map<String, SinkProvider<?>> sinks = new TreeMap<>();
  private final SourceSandboxes sandboxes;

  /** {@code simulators} is empty in a distribution without the sandbox module. */
  public PlatformRegistry(List<SourceProvider<?>> sourceProviders, List<SinkProvider<?>> sinkProviders,
      List<SourceSandbox<?>> simulators) {
    sourceProviders.forEach(p -> sources.put(p.type(), p));
    sinkProviders.forEach(p -> sinks.put(p.type(), p));
    this.sandboxes = new SourceSandboxes(simulators);
  }

  public Source createSource(LoadedJob job) {
    String type = job.config().sourceType();
    SourceProvider<?> provider = sources.get(type);
    if (provider == null) {
      throw job.binder().error("source.type", "unknown source type '" + type + "'",
          NameSuggester.didYouMean(type, sources.keySet()) + "available: " + String.join(", ", sources.keySet()));
    }
    return create(provider, job);
  }

  public Sink createSink(LoadedJob job) {
    String type = job.config().sinkType();
    SinkProvider<?> provider = sinks.get(type);
    if (provider == null) {
      throw job.binder().error("sink.type", "unknown sink type '" + type + "'",
          NameSuggester.didYouMean(type, sinks.keySet()) + "available: " + String.join(", ", sinks.keySet()));
    }
    return create(provider, job);
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

  static JobContext context(LoadedJob job) {
    return new JobContext(job.name(), job.file(), Path.of("").toAbsolutePath());
  }

  private static Map<String, Object> withoutType(Map<String, Object> block) {
    Map<String, Object> copy = new LinkedHashMap<>(block);
    copy.remove("type");
    return copy;
  }
}
