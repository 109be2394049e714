package io.tributary.core;

/**
 * The check that a target still holds the rows Tributary committed into it. A sink keeps, in its state table and in
 * the same transaction as each chunk, how many rows the chunk added to the table; the sum over the job's state rows
 * of that table is a lower bound of its row count. A table that holds fewer was dropped, truncated or had rows
 * deleted outside Tributary, and loading on from the saved position or watermark would leave those rows missing
 * for good (issue 16, finding 7).
 */
public final class CommittedRows {

  private CommittedRows() {}

  /** Throws when {@code held} is below {@code committed}; {@code table} is the qualified name users know. */
  public static void require(String table, long held, long committed, String job) {
    if (held >= committed) {
      return;
    }
    throw new TributaryException(TributaryException.Kind.INTERNAL,
        String.format("table %s holds %,d rows but Tributary committed %,d rows into it (job %s, recorded in"
            + " %s): the table was dropped, truncated or had rows deleted outside Tributary, and"
            + " loading on from the saved position would leave those rows missing", table, held, committed, job,
            SystemTables.STATE),
        "run the job with --full-refresh to read the stream from the start again (the table's rows then are the new"
            + " baseline); for mode append, empty the table first if rows remain, or they are loaded twice", null);
  }
}
