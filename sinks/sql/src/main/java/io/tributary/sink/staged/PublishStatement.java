package io.tributary.sink.staged;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one publishing statement that may add rows to the target and says how many it inserted, as the warehouse
 * reports it (Snowflake: the "number of rows inserted" of RESULT_SCAN; Databricks: the statement's
 * {@code num_inserted_rows}). Called by the publishing writer on the step thread.
 */
public interface PublishStatement {

  long run(Connection c, String sql) throws SQLException;
}
