package io.tributary.sandbox.salesforce;

/**
 * Salesforce-style 18-character ids for sandbox rows: key prefix (3) + "Tn0" + base-62 index (9) + the case-safe
 * 3-character suffix Salesforce computes from the upper-case letters of the 15-character id.
 *
 * <p>The base-62 digits are ordered 0-9, A-Z, a-z (ASCII order), so ids compare as strings in index order, which is
 * what makes {@code ORDER BY SystemModstamp, Id} equal to the dataset's key order.
 */
public final class SalesforceIds {

  private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  private static final String POD = "Tn0";
  private static final int BODY = 9;

  private SalesforceIds() {}

  /** The id of row {@code index} of the object with this key prefix. */
  public static String of(String keyPrefix, long index) {
    StringBuilder body = new StringBuilder(BODY);
    long n = index;
    for (int i = 0; i < BODY; i++) {
      body.append(DIGITS.charAt((int) (n % 62)));
      n /= 62;
    }
    return withSuffix(keyPrefix + POD + body.reverse());
  }

  /** The row index encoded in a sandbox id with this key prefix, or -1 when the id is not one. */
  public static long indexOf(String keyPrefix, String id) {
    if (id == null || id.length() != 18 || !id.startsWith(keyPrefix + POD) || !withSuffix(id.substring(0, 15))
        .equals(id)) {
      return -1;
    }
    long n = 0;
    for (int i = 6; i < 15; i++) {
      n = n * 62 + DIGITS.indexOf(id.charAt(i));
    }
    return n;
  }

  /** Appends Salesforce's case-safe suffix to a 15-character id. */
  public static String withSuffix(String id15) {
    if (id15.length() != 15) {
      throw new IllegalArgumentException("a 15-character id is needed, got " + id15.length() + " characters");
    }
    StringBuilder out = new StringBuilder(id15);
    for (int chunk = 0; chunk < 3; chunk++) {
      int flags = 0;
      for (int j = 0; j < 5; j++) {
        char c = id15.charAt(chunk * 5 + j);
        if (c >= 'A' && c <= 'Z') {
          flags |= 1 << j;
        }
      }
      out.append(SUFFIX_CHARS.charAt(flags));
    }
    return out.toString();
  }
}
