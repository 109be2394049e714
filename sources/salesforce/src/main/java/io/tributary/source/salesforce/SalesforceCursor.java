package io.tributary.source.salesforce;

import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import io.tributary.core.TributaryException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The key-based position of a Salesforce stream: {@code (SystemModstamp, Id)} of a record, and the SOQL lower bound a
 * read starts from. Cursors never hold locators: those expire, keys do not.
 */
final class SalesforceCursor {

  static final String MODSTAMP = "SystemModstamp";
  static final String ID = "Id";

  private static final Pattern SF_ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");
  private static final DateTimeFormatter SOQL_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SOQL_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private SalesforceCursor() {}

  static Cursor of(Instant modstamp, String id) {
    return Cursor.of(MODSTAMP, modstamp.toString(), ID, id);
  }

  /**
   * The WHERE condition a read from {@code cursor} starts with, or null for everything: after the cursor's record,
   * else (first page of an incremental run) after the watermark, or from watermark − lookback.
   */
  static String lowerBound(Cursor cursor, ReadRequest request) {
    if (cursor != null && !cursor.isStart()) {
      return after(cursor);
    }
    if (!request.incremental()) {
      return null;
    }
    if (request.lookback() == null || request.lookback().isZero()) {
      return after(request.watermark());
    }
    return MODSTAMP + " >= " + literal(modstamp(request.watermark()).minus(request.lookback()));
  }

  private static String after(Cursor c) {
    Instant t = modstamp(c);
    String id = c.get(ID);
    if (id == null || !SF_ID.matcher(id).matches()) {
      throw TributaryException.config("the saved Salesforce cursor has no valid Id: " + c.values(),
          "run once with --full-refresh to start the stream over");
    }
    String lit = literal(t);
    return "(" + MODSTAMP + " > " + lit + " OR (" + MODSTAMP + " = " + lit + " AND " + ID + " > '" + id + "'))";
  }

  static Instant modstamp(Cursor c) {
    String v = c.get(MODSTAMP);
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException | NullPointerException e) {
      throw TributaryException.config("the saved Salesforce cursor has no valid SystemModstamp: " + c.values(),
          "run once with --full-refresh to start the stream over");
    }
  }

  /** A SOQL dateTime literal (unquoted), with milliseconds only when the instant has them. */
  static String literal(Instant t) {
    return (t.getNano() == 0 ? SOQL_SECONDS : SOQL_MILLIS).format(t);
  }
}
