package io.tributary.engine;

import io.tributary.config.LoadedJob;
import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.SourceSandbox;
import io.tributary.core.TributaryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the source of a job whose {@code source:} block has a {@code sandbox:} block: finds the simulator of the
 * source type, binds the block (errors located in the job file, as for any other block), starts the simulator, binds
 * the job's block pointed at it to the real provider's config and returns the real connector's source, wrapped so
 * that closing it also stops the simulator. The simulators are Spring components of the sandbox module: a
 * distribution without that module has none, and a sandbox block is then a configuration error.
 */
public final class SourceSandboxes {

  static final String KEY = "sandbox";

  private final Map<String, SourceSandbox<?>> byType = new TreeMap<>();

  public SourceSandboxes(List<SourceSandbox<?>> sandboxes) {
    sandboxes.forEach(s -> byType.put(s.type(), s));
  }

  /** Whether a source block (without {@code type}) asks for a simulator. */
  static boolean requested(Map<String, Object> block) {
    return block.get(KEY) != null;
  }

  /** The real source of {@code provider}, reading a simulator started for this job. */
  public <C> Source create(SourceProvider<C> provider, LoadedJob job, Map<String, Object> block, JobContext context) {
    SourceSandbox<?> sandbox = byType.get(provider.type());
    if (sandbox == null) {
      throw job.binder().error("source." + KEY, "this distribution has no simulator for source type '"
          + provider.type() + "'", "remove the sandbox: block and give the real " + provider.type() + " source's"
          + " settings (docs/sources/" + provider.type() + ".md); " + (byType.isEmpty()
              ? "this distribution has no simulators (the sandbox module is not in it)"
              : "simulators in this distribution: " + String.join(", ", byType.keySet())));
    }
    Map<String, Object> own = new LinkedHashMap<>(block);
    own.remove(KEY);
    // The job's own keys are checked as they would be without a simulator, before the simulator replaces some.
    job.binder().bindMap(own, provider.configType(), "source");
    SourceSandbox.Running running = start(sandbox, job, block.get(KEY), context);
    try {
      C config = job.binder().bindMap(running.pointAt(own), provider.configType(), "source");
      return SandboxedSource.of(provider.create(config, context), running);
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  private static <S> SourceSandbox.Running start(SourceSandbox<S> sandbox, LoadedJob job, Object block,
      JobContext context) {
    if (!(block instanceof Map<?, ?> map)) {
      throw job.binder().error("source." + KEY, "wrong type, expected mapping (key: value block)",
          "write it as sandbox: { rows: 1000 } (see docs/sources/" + sandbox.type() + ".md)");
    }
    @SuppressWarnings("unchecked")
    S config = job.binder().bindMap((Map<String, Object>) map, sandbox.configType(), "source." + KEY);
    try {
      return sandbox.start(config, context);
    } catch (TributaryException e) {
      if (e.kind() != TributaryException.Kind.CONFIG) {
        throw e;
      }
      // A bad value inside the block (a fault spec, a setting): say where it is, like any other job error.
      throw job.binder().error("source." + KEY, e.getMessage(), e.hint());
    }
  }
}
