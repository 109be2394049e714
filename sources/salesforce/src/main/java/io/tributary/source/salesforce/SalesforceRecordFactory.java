package io.tributary.source.salesforce;

import io.tributary.core.Cursor;
import io.tributary.core.SourceRecord;
import io.tributary.core.TributaryException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Turns a flat wire record (REST or Bulk CSV) into a {@link SourceRecord}: values stay as the wire sent them (the
 * engine's mapping types them by the describe, and quarantines a value that does not fit), IsDeleted = true makes a
 * soft delete, and the position is the record's {@code (SystemModstamp, Id)}.
 */
final class SalesforceRecordFactory {

  private SalesforceRecordFactory() {}

  static SourceRecord toRecord(Map<String, Object> flat) {
    Cursor position = position(flat);
    Object deleted = flat.get("IsDeleted");
    boolean isDeleted = Boolean.TRUE.equals(deleted) || "true".equalsIgnoreCase(String.valueOf(deleted));
    return new SourceRecord(flat, isDeleted, position);
  }

  static Cursor position(Map<String, Object> flat) {
    Object id = flat.get(SalesforceCursor.ID);
    Object stamp = flat.get(SalesforceCursor.MODSTAMP);
    if (id == null || stamp == null) {
      throw TributaryException.transientFailure("a Salesforce record came without Id or SystemModstamp: " + id, null);
    }
    try {
      Instant t = SalesforceTypes.parseDateTime(stamp.toString());
      return SalesforceCursor.of(t, id.toString());
    } catch (DateTimeParseException e) {
      throw TributaryException.transientFailure("Salesforce record " + id + " has an unreadable SystemModstamp '"
          + stamp + "'", e);
    }
  }
}
