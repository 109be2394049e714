package io.tributary.cli;

import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import io.tributary.core.TributaryException;
import io.tributary.mart.read.MartReader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What the readers ({@code marts}, {@code query}, {@code mcp}) share: the job whose marts they read, and PII. */
final class ReaderOptions {

  @Option(names = "--job", defaultValue = "jobs/demo.yml",
      description = "the job whose marts to read (its sink: block names the warehouse)")
  Path job;

  @Option(names = "--show-pii", description = "return columns the data dictionary declares PII in clear")
  boolean showPii;

  MartReader open() {
    return MartReader.open(load(job), showPii);
  }

  static LoadedJob load(Path job) {
    if (Files.isDirectory(job)) {
      throw TributaryException.config(job + " is a folder; readers serve one job's marts",
          "name the job file, for example --job " + job.resolve("jobs/demo.yml"));
    }
    return JobConfigLoader.load(job);
  }

  static String cliCaller(String command) {
    return "cli/" + command + " user=" + System.getProperty("user.name") + " pid=" + ProcessHandle.current().pid();
  }
}
