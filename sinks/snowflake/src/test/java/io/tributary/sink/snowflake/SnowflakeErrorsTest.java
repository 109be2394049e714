package io.tributary.sink.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.TributaryException.Kind;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vendor codes and messages as Snowflake reports them (codes quoted in snowflake-jdbc and connector issues). */
@Tag("unit")
class SnowflakeErrorsTest {

  private final SnowflakeErrors errors = new SnowflakeErrors("acme-prod", "TRIBUTARY", "LOADER", "LOAD_WH",
      "ANALYTICS", "RAW");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "390100|08004|Incorrect username or password was specified.|AUTH",
      "390144|08004|JWT token is invalid.|AUTH",
      "390114|08001|Authentication token has expired.  The user must authenticate again.|TRANSIENT",
      "390112|08001|Your session has expired. Please login again.|TRANSIENT",
      "606|57P03|No active warehouse selected in the current session.|CONFIG",
      "2003|02000|SQL compilation error: Object 'RAW.CUSTOMERS' does not exist or not authorized.|CONFIG",
      "3001|42501|SQL access control error: Insufficient privileges to operate on schema 'RAW'|CONFIG",
      "630|57014|Statement reached its statement or warehouse timeout of 3,600 second(s) and was canceled.|TRANSIENT",
      "100038|22018|Numeric value 'abc' is not recognized|CONFIG"})
  void classifiesByVendorCode(int code, String state, String message, Kind kind) {
    var e = errors.at(new SQLException(message, state, code), "loading");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).contains("acme-prod").contains(message.substring(0, 20));
  }

  @Test
  void aNetworkFailureIsTransient() {
    SQLException e = new SQLException("JDBC driver encountered communication error", "08S01", 200014,
        new SocketTimeoutException("Read timed out"));
    assertThat(errors.at(e, "loading").kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void privilegeErrorsSayWhichGrantFixesThem() {
    var e = errors.at(new SQLException("Insufficient privileges to operate on schema 'RAW'", "42501", 3001),
        "preparing table RAW.CUSTOMERS");
    assertThat(e.hint()).contains("CREATE TABLE").contains("ANALYTICS.RAW").contains("TO ROLE LOADER");
  }
}
