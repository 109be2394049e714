package io.tributary.sink.snowflake;

import com.zaxxer.hikari.HikariDataSource;
import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.sink.TableSpecs;
import io.tributary.sink.jdbc.CommittedRowsCheck;
import io.tributary.sink.jdbc.JdbcPool;
import io.tributary.sink.jdbc.JdbcSink;
import io.tributary.sink.jdbc.QuarantineTable;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.jdbc.TableSetup;
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

/**
 * A Snowflake warehouse: raw tables, their transient staging tables ({@link SnowflakeStaging}),
 * {@link SystemTables#STATE} and {@link SystemTables#QUARANTINE} (upper-case) in the configured schema, an internal
 * stage for chunk files, marts in {@code MARTS}. Holds a small connection pool: a Snowflake login costs a round trip
 * and a JWT.
 */
public final class SnowflakeSink extends JdbcSink<SnowflakeType> {

  private final SnowflakeSinkConfig config;
  private final String stageName;
  private final SnowflakeConnector connector;
  private final DataSource connections;
  private final HikariDataSource pool;
  private final SnowflakeErrors errors;
  private final SnowflakeStateTable state;
  private final QuarantineTable quarantine;
  private final Path spoolDir;

  public SnowflakeSink(SnowflakeSinkConfig config, JobContext context) {
    this(config, context, null, null);
  }

  /** With {@code connections} (tests: a JDBC double) instead of the driver, and a fixed spool directory. */
  SnowflakeSink(SnowflakeSinkConfig config, JobContext context, DataSource connections, Path spoolDir) {
    this(config, context, errors(config), connections == null
        ? JdbcPool.of(new SnowflakeConnector(config), "tributary-snowflake-sink", 2, 60_000) : null,
        connections, spoolDir);
  }

  private SnowflakeSink(SnowflakeSinkConfig config, JobContext context, SnowflakeErrors errors, HikariDataSource pool,
      DataSource connections, Path spoolDir) {
    super(SnowflakeDialect.INSTANCE, schema(config), pool != null ? pool : connections, errors::at);
    this.config = config;
    this.stageName = dialect.stored(Identifiers.require(config.stage(), "sink.stage"));
    Identifiers.require(config.database(), "sink.database");
    this.pool = pool;
    this.connector = pool != null ? (SnowflakeConnector) pool.getDataSource() : new SnowflakeConnector(config);
    this.connections = pool != null ? pool : connections;
    this.errors = errors;
    this.state = new SnowflakeStateTable(schema);
    this.quarantine = new QuarantineTable(dialect, schema);
    this.spoolDir = spoolDir != null ? spoolDir : context.baseDir().resolve(".tributary/spool/snowflake");
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
    if (pool != null) {
      connector.login();
    }
    DataSource direct = pool != null ? connector : connections;
    try (Connection c = direct.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT CURRENT_WAREHOUSE(), CURRENT_DATABASE(), CURRENT_ROLE()")) {
        rs.next();
        requireSession(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "<role>" : rs.getString(3));
      }
      new TableSetup<>(dialect, c).createSchema(schema);
      s.execute(SnowflakeStage.create(schema, stageName));
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

  @Override
  public TableWriter open(TableSpec spec) {
    String table = dialect.stored(TableSpecs.validate(spec, dialect::stored));
    boolean keyed = !spec.schema().primaryKey().isEmpty() && spec.mode() != WriteMode.APPEND;
    String staging = SnowflakeStaging.table(table, spec.stream());
    SnowflakeStage stage = new SnowflakeStage(schema, stageName, spec.run(), spec.stream());
    Path dir = spoolDir.resolve(spec.run().job()).resolve(spec.stream());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create spool directory " + dir, e);
    }
    return transactions.runAlone("preparing table " + schema + "." + table, c -> {
      TableSetup<SnowflakeType> setup = new TableSetup<>(dialect, c);
      setup.createSchema(schema);
      try (Statement s = c.createStatement()) {
        s.execute(SnowflakeStage.create(schema, stageName));
      }
      state.create(c);
      quarantine.create(c);
      Optional<SnowflakeStateTable.Entry> entry =
          state.read(c, spec.run().job(), spec.stream(), spec.run().instanceId());
      boolean restart = entry.isPresent();
      CommittedRowsCheck committed = new CommittedRowsCheck(dialect, schema, spec.run().job(), table);
      if (SnowflakeTableWriter.checksCommittedRows(spec, entry)) {
        // before a restart resumes from the state's position or a run reads on from the watermark; before the DDL
        // below, which would recreate a dropped target
        committed.verify(c);
      }
      TableLayout<SnowflakeType> layout = spec.mode() == WriteMode.REPLACE && config.transientReplaceTargets()
          ? setup.ensure(schema, table, spec.schema(), keyed, SnowflakeStaging.CREATE_TRANSIENT,
              SnowflakeStaging.NO_TIME_TRAVEL)
          : setup.ensure(schema, table, spec.schema(), keyed);
      if (spec.fullRefresh() && !restart && spec.mode() != WriteMode.REPLACE) {
        state.rebaseline(c, spec.run().job(), spec.stream(), spec.run().instanceId(), table, committed.rowsHeld(c));
      }
      // A new job instance starts its staging over; a restart keeps the chunks it already committed.
      SnowflakeStaging.ensure(c, layout, staging, !restart);
      try (Statement s = c.createStatement()) {
        s.execute(stage.removeAll());
      }
      String stagingQualified = dialect.qualified(schema, staging);
      long nextSeq = restart ? SnowflakeStaging.maxSeq(c, stagingQualified) + 1 : 1;
      return new SnowflakeTableWriter(transactions, state, quarantine, spec, layout, stagingQualified, stage, dir,
          nextSeq, committed);
    });
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
