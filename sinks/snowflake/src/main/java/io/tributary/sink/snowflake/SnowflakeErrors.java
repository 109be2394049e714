package io.tributary.sink.snowflake;

import static io.tributary.sink.jdbc.SqlFailureCauses.causedByIo;
import static io.tributary.sink.jdbc.SqlFailureCauses.firstLine;
import static io.tributary.sink.jdbc.SqlFailureCauses.sqlState;
import static io.tributary.sink.jdbc.SqlFailureCauses.vendorCode;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.sql.SQLException;

/**
 * The one place Snowflake failures become {@link TributaryException}s, classified by the vendor error code the
 * driver reports ({@link SQLException#getErrorCode()}) and by SQLState class. Messages name the account, user, role
 * and warehouse, never a key or password.
 */
final class SnowflakeErrors {

  private final String where;
  private final String user;
  private final String role;
  private final String warehouse;
  private final String schema;

  SnowflakeErrors(String account, String user, String role, String warehouse, String database, String schema) {
    this.where = "Snowflake account " + account + " (database " + database + ")";
    this.user = user;
    this.role = role == null ? "<default role>" : role;
    this.warehouse = warehouse;
    this.schema = database + "." + schema;
  }

  TributaryException at(SQLException e, String doing) {
    int code = vendorCode(e);
    String state = sqlState(e);
    String what = where + " failed while " + doing + " [" + code + "/" + state + "]: " + firstLine(e);
    switch (code) {
      // 390100 wrong user/password, 390144 JWT invalid (key not registered on the user), 390102 user locked/disabled
      case 390100, 390144, 390102, 390101, 394300:
        return new TributaryException(Kind.AUTH, where + " rejected the login of user " + user + ": " + firstLine(e),
            "check sink.user and the key sink.private_key refers to: ALTER USER " + user
                + " SET RSA_PUBLIC_KEY='<public key of that private key>'", e);
      // 390114 the session's master token expired (idle > 4 h), 390112 session token expired: a new login fixes it
      case 390114, 390112, 390111:
        return TributaryException.transientFailure(what, e);
      // 000606 no active warehouse, 390201/390189 warehouse or role does not exist or is not granted
      case 606, 390201, 390189, 390190:
        return new TributaryException(Kind.CONFIG, what, "check sink.warehouse and sink.role: GRANT USAGE ON WAREHOUSE "
            + warehouse + " TO ROLE " + role + " (and GRANT ROLE " + role + " TO USER " + user + ")", e);
      // 002003 object does not exist or not authorized, 003001 insufficient privileges
      case 2003, 3001, 2043:
        return new TributaryException(Kind.CONFIG, what, "GRANT USAGE ON DATABASE and SCHEMA, CREATE TABLE and"
            + " CREATE STAGE ON SCHEMA " + schema + " TO ROLE " + role + " (see docs/sinks/snowflake.md)", e);
      // 000630 statement timeout, 000604 statement cancelled, 000625 warehouse suspended/resizing mid-statement
      case 630, 604, 625, 608:
        return TributaryException.transientFailure(what, e);
      default:
        break;
    }
    if (state.startsWith("08") || causedByIo(e) || state.equals("57014") || state.equals("40001")) {
      return TributaryException.transientFailure(what, e);
    }
    if (state.startsWith("28")) {
      return new TributaryException(Kind.AUTH, what, "check sink.user and its key or password", e);
    }
    return new TributaryException(Kind.CONFIG, what,
        "fix the object, privilege or value the message names, then run again", e);
  }
}
