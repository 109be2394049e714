package io.tributary.sink.postgres;

import io.tributary.sink.jdbc.JdbcTransactions;
import static io.tributary.core.Identifiers.quote;

import com.zaxxer.hikari.HikariDataSource;
import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.sink.StateRowFence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A PostgreSQL warehouse: raw tables, {@code _tributary_state} and {@code _tributary_quarantine} in the configured
 * schema, marts in {@code marts}. Holds a small connection pool: the staging table of a merge is a session temp table
 * that lives as long as its pooled connection.
 */
public final class PostgresSink implements Sink {

  static final String REPLACE_SUFFIX = "__tributary_new";
  private static final String MARTS = "marts";

  private final String schema;
  private final PostgresEndpoint endpoint;
  private final PostgresErrors errors;
  private final PGSimpleDataSource direct;
  private final HikariDataSource pool;
  private final DataSourceTransactionManager transactionManager;
  private final JdbcTransactions transactions;
  private final PostgresStateTable state;
  private final PostgresQuarantineTable quarantine;

  public PostgresSink(PostgresSinkConfig config, JobContext context) {
    this.schema = Identifiers.require(config.schema(), "sink.schema");
    this.endpoint = PostgresEndpoint.parse(config.url(), config.user());
    this.errors = new PostgresErrors(endpoint, schema);
    this.direct = new PGSimpleDataSource();
    direct.setUrl(config.url());
    if (config.user() != null) {
      direct.setUser(config.user());
    }
    if (config.password() != null) {
      direct.setPassword(config.password().resolve());
    }
    direct.setApplicationName("tributary " + context.jobName());
    this.pool = new HikariDataSource();
    pool.setDataSource(direct);
    pool.setPoolName("tributary-postgres-sink");
    pool.setMaximumPoolSize(3);
    pool.setMinimumIdle(0);
    pool.setConnectionTimeout(30_000);
    // connection problems surface from check() and the first chunk, classified, not from the constructor
    pool.setInitializationFailTimeout(-1);
    this.transactionManager = new DataSourceTransactionManager(pool);
    this.transactions = new JdbcTransactions("PostgreSQL", pool, transactionManager, errors::at);
    this.state = new PostgresStateTable(schema);
    this.quarantine = new PostgresQuarantineTable(schema);
  }

  /** Connects without the pool (so a wrong password fails at once) and proves it may create tables in the schema. */
  @Override
  public void check() {
    try (Connection c = direct.getConnection()) {
      c.setAutoCommit(false);
      PostgresDdlLock.acquire(c, schema);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        s.execute("CREATE TABLE " + quote(schema) + "." + quote("_tributary_check") + " (probe int)");
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw errors.atCheck(e);
    }
  }

  @Override
  public PlatformTransactionManager transactionManager() {
    return transactionManager;
  }

  @Override
  public TableWriter open(TableSpec spec) {
    String table = Identifiers.require(spec.table(), "table of stream " + spec.stream());
    PostgresTableSetup.validate(spec.schema());
    boolean keyed = !spec.schema().primaryKey().isEmpty();
    if (spec.mode() == WriteMode.MERGE && !keyed) {
      throw TributaryException.config("stream " + spec.stream() + " is loaded with mode merge but has no primary key",
          "set primary_key for the stream in the job file, or use mode append");
    }
    String loadTable = spec.mode() == WriteMode.REPLACE ? replaceTable(table) : table;
    boolean withKey = keyed && spec.mode() != WriteMode.APPEND;
    return transactions.runAlone("preparing table " + schema + "." + loadTable, c -> {
      PostgresDdlLock.acquire(c, schema);
      PostgresTableSetup setup = new PostgresTableSetup(c);
      setup.createSchema(schema);
      state.create(c);
      quarantine.create(c);
      String job = spec.run().job();
      String token = StateRowFence.newToken(spec.run());
      boolean resuming = state.read(c, job, spec.stream(), spec.run().instanceId()).isPresent();
      if (spec.mode() == WriteMode.REPLACE && resuming
          && state.published(c, job, spec.stream(), spec.run().instanceId())) {
        // the swap committed, the step did not complete: the target is this instance's copy, nothing to load again
        state.claim(c, job, spec.stream(), spec.run().instanceId(), table, token);
        PostgresTableWriter writer = new PostgresTableWriter(transactions, state, quarantine, spec,
            setup.ensure(schema, table, spec.schema(), withKey), false, token, true);
        writer.verifyCommittedRows(c);
        return writer;
      }
      boolean freshReplace = spec.mode() == WriteMode.REPLACE && !resuming;
      if (freshReplace) {
        // a new job instance starts its replace table over; a restart keeps the chunks it already committed
        setup.drop(schema, loadTable);
      }
      PostgresTableLayout layout = setup.ensure(schema, loadTable, spec.schema(), withKey);
      PostgresTableWriter writer =
          new PostgresTableWriter(transactions, state, quarantine, spec, layout, isEmpty(c, layout), token, false);
      if (freshReplace || (spec.fullRefresh() && !resuming)) {
        state.rebaseline(c, job, spec.stream(), spec.run().instanceId(), loadTable, writer.rowsHeld(c));
      } else {
        // before the reader resumes from the state's position, or an incremental run reads on from the watermark
        writer.verifyCommittedRows(c);
      }
      // from here on a writer of another run still loading this stream (it lost its run lock) fails its next chunk
      state.claim(c, job, spec.stream(), spec.run().instanceId(), loadTable, token);
      return writer;
    });
  }

  @Override
  public void executeMartStatement(String statement) {
    transactions.runAlone("creating schema " + MARTS, c -> {
      PostgresDdlLock.acquire(c, MARTS);
      new PostgresTableSetup(c).createSchema(MARTS);
      return null;
    });
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // marts are views and tables in one shared schema: two jobs rebuilding them at once would race like setup
        PostgresDdlLock.acquire(c, MARTS);
        s.execute(statement);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      String head = statement.strip();
      throw new TributaryException(TributaryException.Kind.CONFIG,
          "mart statement failed on PostgreSQL " + endpoint + ": " + e.getMessage() + "\n  statement: "
              + (head.length() > 200 ? head.substring(0, 200) + "..." : head),
          "fix the SQL in sql/marts (raw tables are in schema " + schema + ")", e);
    }
  }

  @Override
  public String rawSchema() {
    return schema;
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String replaceTable(String table) {
    String name = table + REPLACE_SUFFIX;
    if (name.length() > 63) {
      throw TributaryException.config("table name '" + table + "' is too long for mode replace, which loads into '"
          + name + "' (PostgreSQL names are at most 63 characters)", "map the stream to a table name of at most "
          + (63 - REPLACE_SUFFIX.length()) + " characters");
    }
    return name;
  }

  private static boolean isEmpty(Connection c, PostgresTableLayout layout) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + layout.qualified() + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
