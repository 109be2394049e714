package io.tributary.engine.step;

/**
 * How a run was asked for on the command line.
 *
 * @param fullRefresh ignore watermarks and read everything again
 * @param restartOnly only restart the last failed run; fail if there is none
 * @param skipLimit quarantined records allowed per stream before the run fails
 * @param strictReconcile fail a stream whose platform-reported count differs from rows written plus quarantined
 */
public record RunOptions(boolean fullRefresh, boolean restartOnly, long skipLimit, boolean strictReconcile) {

  public RunOptions withFullRefresh(boolean value) {
    return new RunOptions(value, restartOnly, skipLimit, strictReconcile);
  }
}
