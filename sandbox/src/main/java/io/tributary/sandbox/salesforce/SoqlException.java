package io.tributary.sandbox.salesforce;

/** A SOQL error the sandbox answers with HTTP 400 and Salesforce's {@code [{message, errorCode}]} body. */
final class SoqlException extends RuntimeException {

  private final String errorCode;

  SoqlException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  String errorCode() {
    return errorCode;
  }
}
