package io.tributary.source.rest;

import io.tributary.core.JobContext;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds REST sources. A shipped definition gets a provider of its own, registered under the definition's name by
 * {@link RestDefinitionRegistrar}, so {@code type: greenhouse} works like any built-in source; the generic
 * {@code rest} provider reads the definition a job names ({@code definition:}, relative to the job file). The config
 * type is the raw block: its keys are the definition's, checked by {@link JobValues}.
 */
public class RestSourceProvider implements SourceProvider<Map<String, Object>> {

  /** The generic type: {@code type: rest} with {@code definition: path/to/api.yml}. */
  public static final String GENERIC = "rest";

  private final RestDefinition definition;

  /** The generic provider. */
  public RestSourceProvider() {
    this(null);
  }

  /** The provider of one shipped definition. */
  public RestSourceProvider(RestDefinition definition) {
    this.definition = definition;
  }

  @Override
  public String type() {
    return definition == null ? GENERIC : definition.name();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<Map<String, Object>> configType() {
    return (Class) Map.class;
  }

  @Override
  public Source create(Map<String, Object> config, JobContext context) {
    return create(config, context, Clock.systemUTC());
  }

  Source create(Map<String, Object> config, JobContext context, Clock clock) {
    String jobFile = String.valueOf(context.jobFile());
    Map<String, Object> block = new LinkedHashMap<>(config == null ? Map.of() : config);
    Object path = block.remove("definition");
    RestDefinition def = definition;
    if (def == null) {
      if (path == null) {
        throw TributaryException.config(jobFile + ": source.definition: missing",
            "name your API's definition file, e.g. definition: my_api.yml (relative to the job file;"
                + " docs/sources/rest.md)");
      }
      def = DefinitionLoader.load(definitionPath(context, path.toString()));
    } else if (path != null) {
      throw TributaryException.config(jobFile + ": source.definition: not allowed for type '" + def.name() + "'",
          "remove it: '" + def.name() + "' ships its own definition; use type: rest to read your own");
    }
    return new RestSource(def, JobValues.bind(def, block, jobFile), context, clock);
  }

  static Path definitionPath(JobContext context, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return p;
    }
    Path dir = context.jobFile() == null || context.jobFile().toAbsolutePath().getParent() == null
        ? context.baseDir() : context.jobFile().toAbsolutePath().getParent();
    return dir.resolve(p).normalize();
  }
}
