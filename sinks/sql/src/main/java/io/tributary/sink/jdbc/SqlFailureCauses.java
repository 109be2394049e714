package io.tributary.sink.jdbc;

import java.io.IOException;
import java.sql.SQLException;

/**
 * What a warehouse's error classifier reads from a failure's cause chain: the first SQLSTATE and vendor code a
 * driver set, whether an I/O failure lies underneath, and the message's first line. Used by the classifiers of the
 * JDBC warehouses, on the thread that caught the failure.
 */
public final class SqlFailureCauses {

  private SqlFailureCauses() {}

  /** The first SQLSTATE in the chain, or the empty string. */
  public static String sqlState(Throwable e) {
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return "";
  }

  /** The first non-zero vendor error code in the chain, or 0. */
  public static int vendorCode(Throwable e) {
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof SQLException s && s.getErrorCode() != 0) {
        return s.getErrorCode();
      }
    }
    return 0;
  }

  /** Whether a connection-level I/O failure caused it: transient whatever the driver's SQLSTATE says. */
  public static boolean causedByIo(Throwable e) {
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** The message's first line: drivers append stack-like detail after it. */
  public static String firstLine(Throwable e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }
}
