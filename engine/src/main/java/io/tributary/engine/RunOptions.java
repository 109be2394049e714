package io.tributary.engine;

/**
 * How a run was asked for on the command line.
 *
 * @param fullRefresh ignore watermarks and read everything again
 * @param restartOnly only restart the last failed run; fail if there is none
 * @param skipLimit quarantined records allowed per stream before the run fails
 * @param failAfterChunks test hook: fail every stream step after this many committed chunks (0 = never)
 * @param strictReconcile fail a stream whose platform-reported count differs from rows written plus quarantined
 * @param failPartition test hook: with {@code failAfterChunks}, fail only the partition of this name (for example
 *     {@code p2}); null fails every step
 */
public record RunOptions(boolean fullRefresh, boolean restartOnly, long skipLimit, int failAfterChunks,
    boolean strictReconcile, String failPartition) {

  public RunOptions(boolean fullRefresh, boolean restartOnly, long skipLimit, int failAfterChunks,
      boolean strictReconcile) {
    this(fullRefresh, restartOnly, skipLimit, failAfterChunks, strictReconcile, null);
  }

  public RunOptions withFullRefresh(boolean value) {
    return new RunOptions(value, restartOnly, skipLimit, failAfterChunks, strictReconcile, failPartition);
  }

  /** The injected-failure threshold for the step of {@code partition} (null for an unpartitioned stream). */
  int failAfterChunksFor(String partition) {
    if (failPartition == null) {
      return failAfterChunks;
    }
    return failPartition.equals(partition) ? failAfterChunks : 0;
  }
}
