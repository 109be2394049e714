package io.tributary.core;

import java.nio.file.Path;

/**
 * Facts about the job being run that sources and sinks may need.
 *
 * @param jobName the job's name (file name without {@code .yml})
 * @param jobFile the job file, for error messages
 * @param baseDir the directory relative paths in the job resolve against (the working directory)
 */
public record JobContext(String jobName, Path jobFile, Path baseDir) {

  public Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
  }
}
