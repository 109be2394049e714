package io.tributary.source.salesforce;

import java.util.List;

/**
 * The SOQL a stream sends: {@code SELECT fields FROM Object [WHERE bound] [ORDER BY SystemModstamp ASC, Id ASC]} and
 * the matching {@code SELECT COUNT()} that chooses REST or Bulk.
 */
final class SalesforceSoql {

  private static final String ORDER = " ORDER BY SystemModstamp ASC, Id ASC";

  private SalesforceSoql() {}

  static String select(List<String> fields, String object, String where, boolean ordered) {
    return "SELECT " + String.join(", ", fields) + " FROM " + object + (where == null ? "" : " WHERE " + where)
        + (ordered ? ORDER : "");
  }

  static String count(String object, String where) {
    return "SELECT COUNT() FROM " + object + (where == null ? "" : " WHERE " + where);
  }
}
