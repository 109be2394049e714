package io.tributary.cli;

import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./tributary list}: the job files in {@code jobs/} with their source, sink, streams and schedule. */
@Command(name = "list", description = "List the jobs in jobs/.")
final class ListCommand extends CliCommand implements Callable<Integer> {

  @Option(names = "--dir", defaultValue = "jobs", description = "the jobs folder")
  Path dir;

  @Option(names = "--json", description = "print the jobs as JSON, for scripts")
  boolean json;

  @Override
  public Integer call() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList();
    }
    if (json) {
      JsonOutput.print(out(), files.stream().map(ListCommand::describe).toList());
      return TributaryCommand.OK;
    }
    out().printf("%-28s %-12s %-10s %-8s %s%n", "job", "source", "sink", "streams", "schedule");
    for (Path f : files) {
      try {
        LoadedJob job = JobConfigLoader.load(f);
        out().printf("%-28s %-12s %-10s %-8d %s%n", job.name(), job.config().sourceType(),
            job.config().sinkType(), job.config().streams().size(),
            job.config().schedule() == null ? "-" : job.config().schedule());
      } catch (TributaryException e) {
        out().printf("%-28s invalid: %s%n", f.getFileName(), e.getMessage().replace('\n', ' '));
      }
    }
    return TributaryCommand.OK;
  }

  private static java.util.Map<String, Object> describe(Path f) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("file", f.toString());
    try {
      LoadedJob job = JobConfigLoader.load(f);
      m.put("job", job.name());
      m.put("source", job.config().sourceType());
      m.put("sink", job.config().sinkType());
      m.put("streams", job.config().streams().stream().map(s -> s.name()).toList());
      m.put("schedule", job.config().schedule());
      m.put("marts", job.config().martsOrEmpty());
    } catch (TributaryException e) {
      m.put("invalid", e.getMessage());
    }
    return m;
  }
}
