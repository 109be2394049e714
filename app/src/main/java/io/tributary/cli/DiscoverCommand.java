package io.tributary.cli;

import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.core.Column;
import io.tributary.core.Source;
import io.tributary.core.StreamSchema;
import io.tributary.engine.PlatformRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./tributary discover <job>}: the streams the source offers and their inferred schema. */
@Command(name = "discover", description = "List the source's streams and their inferred schema.")
final class DiscoverCommand extends CliCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "the job file")
  Path jobFile;

  @Override
  public Integer call() {
    LoadedJob job = JobConfigLoader.load(jobFile);
    PlatformRegistry platforms = engine().bean(PlatformRegistry.class);
    try (Source source = platforms.createSource(job)) {
      List<StreamSchema> schemas = new ArrayList<>();
      for (StreamConfig stream : job.config().streams()) {
        schemas.add(source.discover(stream.name(), stream.optionsOrEmpty()));
      }
      List<String> configured = schemas.stream().map(StreamSchema::name).toList();
      for (StreamSchema s : source.discover()) {
        if (!configured.contains(s.name())) {
          schemas.add(s);
        }
      }
      for (StreamSchema s : schemas) {
        String tag = configured.contains(s.name()) ? "" : "  (not in this job)";
        out().println(s.name() + "  key " + s.primaryKey() + tag);
        for (Column c : s.columns()) {
          String type = c.type().name().toLowerCase()
              + (c.precision() > 0 && c.type() == io.tributary.core.ColumnType.DECIMAL
                  ? "(" + c.precision() + "," + c.scale() + ")" : "");
          out().printf("    %-32s %s%s%n", c.name(), type, c.nullable() ? "" : " not null");
        }
      }
    }
    return TributaryCommand.OK;
  }
}
