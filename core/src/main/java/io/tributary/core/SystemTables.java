package io.tributary.core;

/**
 * The tables Tributary keeps beside the ones it loads, named once here; see {@link SystemColumns} for the prefix.
 */
public final class SystemTables {

  /** One row per job and stream: the position of the last committed chunk and the rows committed into the target. */
  public static final String STATE = SystemColumns.PREFIX + "state";
  /** Records that failed mapping, validation or the warehouse's own limits, with their reasons. */
  public static final String QUARANTINE = SystemColumns.PREFIX + "quarantine";
  /** What a staging table's name starts with: {@code _tributary_stg_<table>}. */
  public static final String STAGING_PREFIX = SystemColumns.PREFIX + "stg_";
  /** The probe table a sink's check creates to prove it may create tables. */
  public static final String CHECK = SystemColumns.PREFIX + "check";
  /** What mode replace appends to a table's name for the copy it loads before the swap. */
  public static final String REPLACE_SUFFIX = "_" + SystemColumns.PREFIX + "new";

  private SystemTables() {}

  /** A working table of a sink, {@code _tributary_<role>}: a stage, a key table, a temporary result. */
  public static String working(String role) {
    return SystemColumns.PREFIX + role;
  }

  /** The table mode replace loads {@code table} into before it swaps it in. */
  public static String replacing(String table) {
    return table + REPLACE_SUFFIX;
  }
}
