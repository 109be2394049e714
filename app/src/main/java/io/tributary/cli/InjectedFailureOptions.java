package io.tributary.cli;

import picocli.CommandLine.Option;

/** Hidden testing options shared by {@code run} and {@code worker}: fail a stream (or one partition) on purpose. */
final class InjectedFailureOptions {

  @Option(names = "--fail-after-chunks", hidden = true, description = "testing: fail after N committed chunks")
  int failAfterChunks;

  @Option(names = "--fail-partition", hidden = true,
      description = "testing: with --fail-after-chunks, fail only this partition (for example p2)")
  String failPartition;
}
