package io.tributary.cli;

import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import io.tributary.core.TributaryException;
import io.tributary.mart.read.MartReader;
import io.tributary.mart.read.MartWarehouses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * What the readers ({@code marts}, {@code query}, {@code mcp}) share: the job, or project folder of jobs, whose marts
 * they read, and PII.
 */
final class ReaderOptions {

  @Option(names = "--job", defaultValue = "jobs/demo.yml",
      description = "the job file, or a folder of job files (searched with its subfolders), whose marts to read (each"
          + " job's sink: block names its warehouse)")
  Path job;

  @Option(names = "--show-pii", description = "return columns the data dictionary declares PII in clear")
  boolean showPii;

  /** Opens the job or folder given as the command's positional argument, when there is one, else {@code --job}. */
  MartReader open(Path positional) {
    if (positional != null) {
      job = positional;
    }
    return open();
  }

  MartReader open() {
    if (!Files.isDirectory(job)) {
      return MartReader.open(JobConfigLoader.load(job), showPii);
    }
    return MartReader.open(job.toString(), servable(job), showPii);
  }

  /**
   * The jobs of a project folder whose marts a reader can serve: every {@code *.yml}/{@code *.yaml} below it, less
   * the jobs without marts and those whose warehouse has no reader (each said on stderr). A folder without job files,
   * or without a job left, is a configuration error.
   */
  static List<LoadedJob> servable(Path folder) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yml")
          || f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw TributaryException.config("cannot list the job files under " + folder + ": " + e.getMessage(),
          "check the folder's permissions");
    }
    if (files.isEmpty()) {
      throw TributaryException.config(folder + " holds no job files (*.yml)",
          "name a job file, or a project folder of job files (for example jobs/ or jobs/customer_360)");
    }
    List<LoadedJob> jobs = new ArrayList<>();
    for (Path file : files) {
      LoadedJob job = JobConfigLoader.load(file);
      String type = job.config().sinkType();
      if (job.config().martsOrEmpty().isEmpty()) {
        System.err.println("not serving " + file + ": the job builds no marts");
      } else if (!MartWarehouses.TYPES.contains(type)) {
        System.err.println("not serving " + file + ": the marts of a '" + type + "' warehouse cannot be read here"
            + " (readers support " + String.join(", ", MartWarehouses.TYPES) + ")");
      } else {
        jobs.add(job);
      }
    }
    if (jobs.isEmpty()) {
      throw TributaryException.config("no job under " + folder + " builds marts in a warehouse readers support ("
          + String.join(", ", MartWarehouses.TYPES) + ")", "add 'marts:' to a job there, or name another folder");
    }
    return jobs;
  }

  static String cliCaller(String command) {
    return "cli/" + command + " user=" + System.getProperty("user.name") + " pid=" + ProcessHandle.current().pid();
  }
}
