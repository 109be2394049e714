package io.tributary.sink.jdbc;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.Sink;
import io.tributary.core.TributaryException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What every JDBC warehouse sink does the same way: chunk transactions on its pool, marts in the {@code marts} schema,
 * the raw schema. A warehouse adds its check, how it opens a table and how it closes.
 */
public abstract class JdbcSink<T extends SqlType<T>> implements Sink {

  protected static final String MARTS = "marts";

  protected final SqlDialect<T> dialect;
  protected final String schema;
  protected final JdbcTransactions transactions;

  /**
   * @param schema the raw schema, as the warehouse stores its name
   * @param connections the sink's pool: chunk transactions, setup and marts run on it
   * @param errors the warehouse's SQL error classifier
   */
  protected JdbcSink(SqlDialect<T> dialect, String schema, DataSource connections, JdbcTransactions.SqlErrors errors) {
    this.dialect = dialect;
    this.schema = schema;
    this.transactions = new JdbcTransactions(dialect, connections, errors);
  }

  public SqlDialect<T> dialect() {
    return dialect;
  }

  public JdbcTransactions transactions() {
    return transactions;
  }

  @Override
  public ChunkTransaction beginChunk() {
    return transactions.beginChunk();
  }

  /**
   * Creates {@code marts} if missing, then runs the statement in a transaction of its own; both under the DDL lock of
   * {@code marts}, whose views and tables every job shares (two jobs rebuilding them at once would race like setup).
   */
  @Override
  public void executeMartStatement(String statement) {
    String marts = dialect.stored(MARTS);
    ddl(marts, "creating schema " + marts, c -> {
      new TableSetup<>(dialect, c).createSchema(marts);
      return null;
    });
    try {
      ddl(marts, "running a mart statement", c -> {
        try (Statement s = c.createStatement()) {
          s.execute(statement);
        }
        return null;
      });
    } catch (TributaryException e) {
      String head = statement.strip();
      throw new TributaryException(e.kind(), e.getMessage() + "\n  statement: "
          + (head.length() > 200 ? head.substring(0, 200) + "..." : head),
          "fix the SQL in sql/marts (" + dialect.name() + " dialect; raw tables are in schema " + schema + ")", e);
    }
  }

  /**
   * Runs DDL on tables of {@code schema}: in a transaction of its own under the schema's DDL lock; a warehouse whose
   * transactions cannot hold DDL (Databricks) runs it statement by statement.
   */
  protected <R> R ddl(String schema, String doing, JdbcTransactions.Work<R> work) {
    return transactions.runDdl(schema, doing, work);
  }

  @Override
  public String rawSchema() {
    return schema;
  }
}
