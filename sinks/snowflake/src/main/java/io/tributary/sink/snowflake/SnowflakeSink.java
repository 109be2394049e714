package io.tributary.sink.snowflake;

import io.tributary.sink.jdbc.JdbcTransactions;
import com.zaxxer.hikari.HikariDataSource;
import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A Snowflake warehouse: raw tables, their transient staging tables, {@code _TRIBUTARY_STATE} and
 * {@code _TRIBUTARY_QUARANTINE} in the configured schema, an internal stage for chunk files, marts in {@code MARTS}.
 * Holds a small connection pool: a Snowflake login costs a round trip and a JWT.
 */
public final class SnowflakeSink implements Sink {

  static final String STAGING_PREFIX = "_TRIBUTARY_STG_";
  private static final String MARTS = "MARTS";

  private final SnowflakeSinkConfig config;
  private final String schema;
  private final String stageName;
  private final SnowflakeConnector connector;
  private final DataSource connections;
  private final HikariDataSource pool;
  private final DataSourceTransactionManager transactionManager;
  private final JdbcTransactions transactions;
  private final SnowflakeErrors errors;
  private final SnowflakeStateTable state;
  private final SnowflakeQuarantineTable quarantine;
  private final Path spoolDir;

  public SnowflakeSink(SnowflakeSinkConfig config, JobContext context) {
    this(config, context, null, null);
  }

  /** With {@code connections} (tests: a JDBC double) instead of the driver, and a fixed spool directory. */
  SnowflakeSink(SnowflakeSinkConfig config, JobContext context, DataSource connections, Path spoolDir) {
    this.config = config;
    this.schema = SnowflakeNames.stored(Identifiers.require(config.schema(), "sink.schema"));
    this.stageName = SnowflakeNames.stored(Identifiers.require(config.stage(), "sink.stage"));
    Identifiers.require(config.database(), "sink.database");
    this.connector = new SnowflakeConnector(config);
    this.errors = new SnowflakeErrors(config.account(), config.user(), config.role(), config.warehouse(),
        config.database(), schema);
    if (connections == null) {
      this.pool = new HikariDataSource();
      pool.setDataSource(connector);
      pool.setPoolName("tributary-snowflake-sink");
      pool.setMaximumPoolSize(2);
      pool.setMinimumIdle(0);
      pool.setConnectionTimeout(60_000);
      // login problems surface from check() and the first chunk, classified, not from the constructor
      pool.setInitializationFailTimeout(-1);
      this.connections = pool;
    } else {
      this.pool = null;
      this.connections = connections;
    }
    this.transactionManager = new DataSourceTransactionManager(this.connections);
    // A failed COMMIT must not be followed by the autocommit reset alone: JDBC commits an open transaction then.
    transactionManager.setRollbackOnCommitFailure(true);
    this.transactions = new JdbcTransactions("Snowflake", this.connections, transactionManager, errors::at);
    this.state = new SnowflakeStateTable(schema);
    this.quarantine = new SnowflakeQuarantineTable(schema);
    this.spoolDir = spoolDir != null ? spoolDir : context.baseDir().resolve(".tributary/spool/snowflake");
  }

  /**
   * Resolves the credentials first (a missing secret is a CONFIG error naming the variable), then logs in without
   * the pool and proves the role may create tables and the stage in the schema.
   */
  @Override
  public void check() {
    if (pool != null) {
      connector.login();
    }
    DataSource direct = pool != null ? connector : connections;
    try (Connection c = direct.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT CURRENT_WAREHOUSE(), CURRENT_DATABASE(), CURRENT_ROLE()")) {
        rs.next();
        if (rs.getString(1) == null) {
          throw TributaryException.config("Snowflake logged in but has no usable warehouse " + config.warehouse(),
              "check sink.warehouse, and GRANT USAGE ON WAREHOUSE " + config.warehouse() + " TO ROLE "
                  + (rs.getString(3) == null ? "<role>" : rs.getString(3)));
        }
        if (rs.getString(2) == null) {
          throw TributaryException.config("Snowflake logged in but database " + config.database()
              + " does not exist or is not granted", "check sink.database, and GRANT USAGE ON DATABASE "
              + config.database() + " TO ROLE " + (rs.getString(3) == null ? "<role>" : rs.getString(3)));
        }
      }
      new SnowflakeTableSetup(c).createSchemaAndStage(schema, stageName);
      s.execute("CREATE TRANSIENT TABLE IF NOT EXISTS " + SnowflakeNames.qualified(schema, "_TRIBUTARY_CHECK")
          + " (\"PROBE\" NUMBER(1,0))");
      s.execute("DROP TABLE IF EXISTS " + SnowflakeNames.qualified(schema, "_TRIBUTARY_CHECK"));
    } catch (SQLException e) {
      throw errors.at(e, "checking the Snowflake sink");
    }
  }

  @Override
  public PlatformTransactionManager transactionManager() {
    return transactionManager;
  }

  @Override
  public TableWriter open(TableSpec spec) {
    String table = SnowflakeNames.stored(Identifiers.require(spec.table(), "table of stream " + spec.stream()));
    SnowflakeTableSetup.validate(spec.schema());
    boolean keyed = !spec.schema().primaryKey().isEmpty();
    if (spec.mode() == WriteMode.MERGE && !keyed) {
      throw TributaryException.config("stream " + spec.stream() + " is loaded with mode merge but has no primary key",
          "set primary_key for the stream in the job file, or use mode append");
    }
    String staging = stagingTable(table, spec.stream());
    SnowflakeStage stage = new SnowflakeStage(schema, stageName, spec.run(), spec.stream());
    Path dir = spoolDir.resolve(spec.run().job()).resolve(spec.stream());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create spool directory " + dir, e);
    }
    return transactions.runAlone("preparing table " + schema + "." + table, c -> {
      SnowflakeTableSetup setup = new SnowflakeTableSetup(c);
      setup.createSchemaAndStage(schema, stageName);
      state.create(c);
      quarantine.create(c);
      Optional<SnowflakeStateTable.Entry> entry =
          state.read(c, spec.run().job(), spec.stream(), spec.run().instanceId());
      boolean restart = entry.isPresent();
      SnowflakeCommittedRows committed = new SnowflakeCommittedRows(state, schema, table, spec.run().job());
      if (SnowflakeCommittedRows.checked(spec.mode(), spec.fullRefresh(), entry)) {
        // before a restart resumes from the state's position or a run reads on from the watermark; before the DDL
        // below, which would recreate a dropped target
        committed.verify(c);
      }
      SnowflakeTableLayout layout =
          setup.ensureTarget(schema, table, spec.schema(), keyed && spec.mode() != WriteMode.APPEND);
      if (spec.fullRefresh() && !restart && spec.mode() != WriteMode.REPLACE) {
        committed.rebaseline(c, spec.stream(), spec.run().instanceId());
      }
      // A new job instance starts its staging over; a restart keeps the chunks it already committed.
      setup.ensureStaging(layout, staging, !restart);
      try (Statement s = c.createStatement()) {
        s.execute(stage.removeAll());
      }
      long nextSeq = restart ? maxSeq(c, SnowflakeNames.qualified(schema, staging)) + 1 : 1;
      return new SnowflakeTableWriter(transactions, state, quarantine, spec, layout,
          SnowflakeNames.qualified(schema, staging), stage, dir, nextSeq, committed);
    });
  }

  @Override
  public void executeMartStatement(String statement) {
    transactions.runAlone("creating schema " + MARTS, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + SnowflakeNames.quote(MARTS));
      }
      return null;
    });
    try {
      transactions.runAlone("running a mart statement", c -> {
        try (Statement s = c.createStatement()) {
          s.execute(statement);
        }
        return null;
      });
    } catch (TributaryException e) {
      String head = statement.strip();
      throw new TributaryException(e.kind(), e.getMessage() + "\n  statement: "
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
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * One staging table per state key: a part of a partitioned stream (state key {@code <stream>#<part>}) stages into
   * its own, so parts that start, stage and publish at different times never replace or publish each other's rows.
   * A quoted identifier may hold {@code #}, which no validated table name does, so the names never collide.
   */
  static String stagingTable(String table, String stateKey) {
    int part = stateKey.indexOf('#');
    String name = STAGING_PREFIX + table + (part < 0 ? "" : SnowflakeNames.stored(stateKey.substring(part)));
    if (name.length() > 255) {
      throw TributaryException.config("table name '" + table + "' is too long for its staging table '" + name + "'",
          "map the stream to a shorter table name");
    }
    return name;
  }

  private static long maxSeq(Connection c, String staging) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(\"_TRIBUTARY_SEQ\"), 0) FROM " + staging)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
