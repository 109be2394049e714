package io.tributary.core;

import java.util.List;
import java.util.Locale;

/**
 * The columns Tributary adds to every table it loads, named once here (dlt names its {@code _dlt_*} columns in one
 * place, {@code common/schema/typing.py}). Every name starts with {@link #PREFIX}, which a stream's own columns may not
 * use. A warehouse that stores names upper-case (Snowflake) writes them upper-case.
 */
public final class SystemColumns {

  /** What every system table and column name starts with; reserved for Tributary. */
  public static final String PREFIX = "_tributary_";
  /** The run's start ({@link RunInfo#extractedAt()}). */
  public static final String EXTRACTED_AT = PREFIX + "extracted_at";
  /** The job execution that wrote the row ({@link RunInfo#runId()}). */
  public static final String RUN_ID = PREFIX + "run_id";
  /** Whether the source deleted the record: a soft delete keeps the row and sets this. */
  public static final String DELETED = PREFIX + "deleted";
  /** The load ordinal of a staged row: when a key repeats, the row with the highest one wins the merge. */
  public static final String SEQ = PREFIX + "seq";
  /** The columns after the stream's own in every loaded table, in this order. */
  public static final List<String> METADATA = List.of(EXTRACTED_AT, RUN_ID, DELETED);

  private SystemColumns() {}

  /** Whether {@code name} uses the reserved prefix, in any case. */
  public static boolean reserved(String name) {
    return name.toLowerCase(Locale.ROOT).startsWith(PREFIX);
  }
}
