package io.tributary.sandbox.salesforce;

/**
 * SOQL error messages in Salesforce's wording: the query, a caret under the column, "ERROR at Row:1:Column:N" and
 * the reason (as seen in real INVALID_FIELD bodies quoted in public issue trackers).
 */
final class SoqlErrors {

  private SoqlErrors() {}

  static SoqlException malformed(String soql, int column, String reason) {
    return new SoqlException("MALFORMED_QUERY", positioned(soql, column, reason));
  }

  static SoqlException unexpected(String soql, SoqlTokens.Token t) {
    return malformed(soql, t.column(), "unexpected token: '" + t.text() + "'");
  }

  static SoqlException unsupported(String soql, int column, String what) {
    return malformed(soql, column, what + " (the Tributary sandbox supports only the SOQL shapes the Salesforce"
        + " source emits: SELECT fields FROM Object [WHERE (SystemModstamp, Id) bounds]"
        + " [ORDER BY SystemModstamp ASC, Id ASC] [LIMIT n], and SELECT COUNT())");
  }

  static SoqlException noSuchColumn(String soql, int column, String field, String object) {
    return new SoqlException("INVALID_FIELD", positioned(soql, column, "No such column '" + field + "' on entity '"
        + object + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom"
        + " field name. Please reference your WSDL or the describe call for the appropriate names."));
  }

  static SoqlException noSuchRelationship(String soql, int column, String relationship) {
    return new SoqlException("INVALID_FIELD", positioned(soql, column, "Didn't understand relationship '"
        + relationship + "' in field path. If you are attempting to use a custom relationship, be sure to append"
        + " the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the"
        + " appropriate names."));
  }

  static SoqlException noSuchObject(String soql, int column, String object) {
    return new SoqlException("INVALID_TYPE", positioned(soql, column, "sObject type '" + object
        + "' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the"
        + " entity name. Please reference your WSDL or the describe call for the appropriate names."));
  }

  static SoqlException badFilterValue(String soql, int column, String message) {
    return new SoqlException("INVALID_QUERY_FILTER_OPERATOR", positioned(soql, column, message));
  }

  private static String positioned(String soql, int column, String reason) {
    return "\n" + soql + "\n" + " ".repeat(Math.max(0, column - 1)) + "^\nERROR at Row:1:Column:" + column + "\n"
        + reason;
  }
}
