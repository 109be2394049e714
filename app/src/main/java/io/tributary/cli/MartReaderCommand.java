package io.tributary.cli;

import io.tributary.mart.read.MartReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Base of the subcommands that serve the marts of a job, or of a project folder's jobs, named as the positional
 * argument or with {@code --job} ({@code marts}, {@code mcp}).
 */
abstract class MartReaderCommand extends CliCommand implements Callable<Integer> {

  @Mixin
  ReaderOptions reader;

  @Parameters(index = "0", arity = "0..1", description = "the job file or project folder (same as --job)")
  Path jobArg;

  /** The reader over the marts of the job or folder named; the caller closes it. */
  MartReader openReader() {
    return reader.open(jobArg);
  }
}
