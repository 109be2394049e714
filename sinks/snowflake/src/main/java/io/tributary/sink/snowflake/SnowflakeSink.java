package io.tributary.sink.snowflake;

import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.sink.jdbc.JdbcTransactions;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.jdbc.TableSetup;
import io.tributary.sink.staged.PublishStatement;
import io.tributary.sink.staged.StageLocation;
import io.tributary.sink.staged.StagedChunkFile;
import io.tributary.sink.staged.StagedSink;
import io.tributary.sink.staged.StagedStateTable;
import io.tributary.sink.staged.StagedTable;
import io.tributary.sink.staged.StagedType;
import io.tributary.sink.staged.StagingTable;
import io.tributary.sink.staged.TransactionalStagedWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A Snowflake warehouse: raw tables, their transient staging tables, {@link SystemTables#STATE} and
 * {@link SystemTables#QUARANTINE} (upper-case) in the configured schema, an internal stage for chunk files, marts in
 * {@code MARTS}. Snowflake transactions hold COPY and DML together, so each chunk commits with its state row
 * ({@link TransactionalStagedWriter}). Holds a small connection pool: a Snowflake login costs a round trip and a JWT.
 */
public final class SnowflakeSink extends StagedSink {

  /**
   * A staging table lives for one load: the default day of Time Travel would bill a copy of every staged byte for a
   * day after each run. Transient tables have no Fail-safe; 0 days is allowed for them (Snowflake, "Working with
   * Temporary and Transient Tables").
   */
  static final StagingTable.Shape STAGING = new StagingTable.Shape("CREATE OR REPLACE TRANSIENT TABLE",
      "CREATE TRANSIENT TABLE IF NOT EXISTS", "DATA_RETENTION_TIME_IN_DAYS = 0", List.of(), 255);

  /** Reads the output of the session's last statement: a MERGE's or INSERT's "number of rows inserted". */
  static final String INSERTED_BY_LAST_STATEMENT =
      "SELECT \"number of rows inserted\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))";

  private final SnowflakeSinkConfig config;
  private final String stageName;
  private final SnowflakeErrors errors;

  public SnowflakeSink(SnowflakeSinkConfig config, JobContext context) {
    this(config, context, null, null);
  }

  /** With {@code connections} (tests: a JDBC double) instead of the driver, and a fixed spool directory. */
  SnowflakeSink(SnowflakeSinkConfig config, JobContext context, DataSource connections, Path spoolDir) {
    super(SnowflakeDialect.INSTANCE, schema(config), new SnowflakeConnector(config), connections,
        errors(config)::at, STAGING, true,
        spoolDir != null ? spoolDir : context.baseDir().resolve(".tributary/spool/snowflake"));
    this.config = config;
    this.stageName = dialect.stored(Identifiers.require(config.stage(), "sink.stage"));
    Identifiers.require(config.database(), "sink.database");
    this.errors = errors(config);
  }

  private static String schema(SnowflakeSinkConfig config) {
    return SnowflakeDialect.INSTANCE.stored(Identifiers.require(config.schema(), "sink.schema"));
  }

  private static SnowflakeErrors errors(SnowflakeSinkConfig config) {
    return new SnowflakeErrors(config.account(), config.user(), config.role(), config.warehouse(), config.database(),
        schema(config));
  }

  /**
   * Resolves the credentials first (a missing secret is a CONFIG error naming the variable), then logs in without
   * the pool and proves the role may create tables and the stage in the schema.
   */
  @Override
  public void check() {
    try (Connection c = checkSession();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT CURRENT_WAREHOUSE(), CURRENT_DATABASE(), CURRENT_ROLE()")) {
        rs.next();
        requireSession(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "<role>" : rs.getString(3));
      }
      new TableSetup<>(dialect, c).createSchema(schema);
      s.execute(createStage());
      s.execute("CREATE TRANSIENT TABLE IF NOT EXISTS " + dialect.qualified(schema, SystemTables.CHECK)
          + " (\"PROBE\" NUMBER(1,0))");
      s.execute("DROP TABLE IF EXISTS " + dialect.qualified(schema, SystemTables.CHECK));
    } catch (SQLException e) {
      throw errors.at(e, "checking the Snowflake sink");
    }
  }

  private void requireSession(String warehouse, String database, String role) {
    if (warehouse == null) {
      throw TributaryException.config("Snowflake logged in but has no usable warehouse " + config.warehouse(),
          "check sink.warehouse, and GRANT USAGE ON WAREHOUSE " + config.warehouse() + " TO ROLE " + role);
    }
    if (database == null) {
      throw TributaryException.config("Snowflake logged in but database " + config.database()
          + " does not exist or is not granted", "check sink.database, and GRANT USAGE ON DATABASE "
          + config.database() + " TO ROLE " + role);
    }
  }

  /** An internal named stage: files PUT there are encrypted at rest and cost only storage until REMOVEd. */
  /**
   * With {@code replace_target: transient}, a replace stream's missing target is created TRANSIENT without Time
   * Travel: the copy each replace deletes is then not kept for the retention period plus Fail-safe.
   */
  @Override
  protected TableLayout<StagedType> ensureTarget(TableSetup<StagedType> setup, String table, TableSpec spec,
      boolean keyed) throws SQLException {
    return spec.mode() == WriteMode.REPLACE && config.transientReplaceTargets()
        ? setup.ensure(schema, table, spec.schema(), keyed, STAGING.createVerb(), STAGING.options())
        : super.ensureTarget(setup, table, spec, keyed);
  }

  @Override
  protected String createStage() {
    return "CREATE STAGE IF NOT EXISTS " + dialect.qualified(schema, stageName);
  }

  @Override
  protected StageLocation stage(TableSpec spec) {
    return new SnowflakeStage(schema, stageName, spec.run(), spec.stream());
  }

  @Override
  protected <R> R prepare(String doing, JdbcTransactions.Work<R> work) {
    return transactions.runAlone(doing, work);
  }

  /**
   * One transaction holds a chunk's COPY into the staging table and its state write, so a chunk refused by the claim
   * leaves no staged row, and a publish refused by it inserts none.
   */
  @Override
  protected boolean claimsState() {
    return true;
  }

  /** The chunk transactions wrote the state row: it belongs to this instance once a chunk committed. */
  @Override
  protected boolean restarting(Connection c, Optional<StagedStateTable.Entry> entry, String schema,
      String stagingTable, TableSpec spec) {
    return entry.isPresent();
  }

  /** Every staged file of the stream was either copied in a committed chunk or rolled back with it. */
  @Override
  protected void tidyStage(Connection c, StageLocation stage, boolean restart, TableLayout<StagedType> layout,
      String stagingTable, String writer) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(stage.removeAll());
    }
  }

  @Override
  protected TableWriter writer(StagedTable table) {
    return new TransactionalStagedWriter(table,
        new StagedChunkFile(table.layout(), table.spec().run(), SnowflakeDialect.CHUNK_FORMAT, 0));
  }

  /**
   * The "number of rows inserted" column of the MERGE or INSERT just run in this session (Snowflake docs, "MERGE" and
   * "INSERT", output; "RESULT_SCAN"): the driver's update count of a MERGE adds the updated rows to it.
   */
  @Override
  protected PublishStatement publishStatement() {
    return (c, sql) -> {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(INSERTED_BY_LAST_STATEMENT)) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    };
  }
}
