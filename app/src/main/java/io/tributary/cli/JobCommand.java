package io.tributary.cli;

import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;

/** Base of the subcommands that act on one job file ({@code run}, {@code check}, {@code discover}, {@code worker}). */
abstract class JobCommand extends CliCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "the job file, for example jobs/demo.yml")
  Path jobFile;

  @Override
  public final Integer call() throws Exception {
    return call(JobConfigLoader.load(jobFile));
  }

  /** Runs the command on the loaded and validated job; returns the exit code. */
  abstract Integer call(LoadedJob job) throws Exception;
}
