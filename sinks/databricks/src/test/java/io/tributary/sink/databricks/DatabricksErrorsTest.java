package io.tributary.sink.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.TributaryException.Kind;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error classes and SQLSTATEs as Databricks reports them (Databricks docs, "Error classes in Databricks"). */
@Tag("unit")
class DatabricksErrorsTest {

  private final DatabricksErrors errors = new DatabricksErrors("dbc-prod.cloud.databricks.com",
      "/sql/1.0/warehouses/abc123", "main", "raw");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "28000|[UNAUTHORIZED_ACCESS] Unauthorized access|AUTH",
      "42501|[PERMISSION_DENIED] User does not have CREATE TABLE on Schema 'main.raw'.|CONFIG",
      "42P01|[TABLE_OR_VIEW_NOT_FOUND] The table or view `raw`.`customers` cannot be found.|CONFIG",
      "42704|[SCHEMA_NOT_FOUND] The schema `main`.`raw` cannot be found.|CONFIG",
      "08S01|Communication link failure. Failed to connect to server.|TRANSIENT",
      "2D521|[DELTA_CONCURRENT_APPEND] ConcurrentAppendException: Files were added to the root of the table|TRANSIENT",
      "22018|[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be cast to \"DECIMAL(38,0)\"|CONFIG"})
  void classifiesBySqlState(String state, String message, Kind kind) {
    var e = errors.at(new SQLException(message, state), "loading");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).contains("dbc-prod.cloud.databricks.com");
  }

  @Test
  void aNetworkFailureIsTransient() {
    SQLException e = new SQLException("error while executing", null, 0, new SocketTimeoutException("Read timed out"));
    assertThat(errors.at(e, "loading").kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void privilegeErrorsSayWhichGrantFixesThem() {
    var e = errors.at(new SQLException("[PERMISSION_DENIED] User does not have CREATE TABLE on Schema 'main.raw'.",
        "42501"), "preparing table raw.customers");
    assertThat(e.hint()).contains("CREATE TABLE").contains("main.raw").contains("WRITE VOLUME");
  }
}
