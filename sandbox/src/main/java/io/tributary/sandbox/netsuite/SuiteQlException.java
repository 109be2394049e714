package io.tributary.sandbox.netsuite;

/** A query the simulator rejects; the message is the detail after NetSuite's "Invalid search query" prefix. */
final class SuiteQlException extends RuntimeException {

  SuiteQlException(String detail) {
    super(detail, null, false, false);
  }
}
