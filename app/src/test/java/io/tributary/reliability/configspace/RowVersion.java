package io.tributary.reliability.configspace;

/**
 * One version of one source row, as the test wrote it. {@code seenAt} is an ISO instant or {@code infinity} /
 * {@code -infinity} (values no warehouse timestamp can hold: such a version must be quarantined, not loaded).
 */
record RowVersion(long id, int version, String name, Object cursor, String seenAt, boolean deleted, String extra) {

  boolean loadable() {
    return !seenAt.endsWith("infinity");
  }

  /** Identity of the version (a row is read again unchanged by lookback or a full read: same version). */
  String versionKey() {
    return id + "#" + version;
  }
}
