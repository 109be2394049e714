package io.tributary.sink.databricks;

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
 * A Databricks SQL warehouse: raw tables, their staging tables ({@link DatabricksStaging}), {@link SystemTables#STATE}
 * and {@link SystemTables#QUARANTINE} as Delta tables in the configured Unity Catalog schema, a managed volume for
 * chunk files, marts in {@code marts}. Holds a small connection pool: a login costs an OAuth round trip.
 */
public final class DatabricksSink extends JdbcSink<DatabricksType> {

  private final DatabricksSinkConfig config;
  private final String volume;
  private final DatabricksConnector connector;
  private final DataSource connections;
  private final HikariDataSource pool;
  private final DatabricksErrors errors;
  private final DatabricksStateTable state;
  private final QuarantineTable quarantine;
  private final Path spoolDir;

  public DatabricksSink(DatabricksSinkConfig config, JobContext context) {
    this(config, context, null, null);
  }

  /** With {@code connections} (tests: a JDBC double) instead of the driver, and a fixed spool directory. */
  DatabricksSink(DatabricksSinkConfig config, JobContext context, DataSource connections, Path spoolDir) {
    this(config, context, errors(config), spool(context, spoolDir), connections);
  }

  private DatabricksSink(DatabricksSinkConfig config, JobContext context, DatabricksErrors errors, Path spoolDir,
      DataSource connections) {
    this(config, errors, spoolDir, connections == null
        ? JdbcPool.of(new DatabricksConnector(config, spoolDir), "tributary-databricks-sink", 2, 60_000) : null,
        connections);
  }

  private DatabricksSink(DatabricksSinkConfig config, DatabricksErrors errors, Path spoolDir, HikariDataSource pool,
      DataSource connections) {
    super(DatabricksDialect.INSTANCE, schema(config), pool != null ? pool : connections, errors::at);
    this.config = config;
    this.volume = dialect.stored(Identifiers.require(config.volume(), "sink.volume"));
    Identifiers.require(config.catalog(), "sink.catalog");
    this.pool = pool;
    this.connector = pool != null ? (DatabricksConnector) pool.getDataSource()
        : new DatabricksConnector(config, spoolDir);
    this.connections = pool != null ? pool : connections;
    this.errors = errors;
    this.state = new DatabricksStateTable(schema);
    this.quarantine = new QuarantineTable(dialect, schema);
    this.spoolDir = spoolDir;
  }

  private static Path spool(JobContext context, Path spoolDir) {
    return spoolDir != null ? spoolDir : context.baseDir().resolve(".tributary/spool/databricks");
  }

  private static String schema(DatabricksSinkConfig config) {
    return DatabricksDialect.INSTANCE.stored(Identifiers.require(config.schema(), "sink.schema"));
  }

  private static DatabricksErrors errors(DatabricksSinkConfig config) {
    return new DatabricksErrors(config.host(), config.httpPath(), config.catalog(), schema(config));
  }

  /**
   * Resolves the credentials first (a missing secret is a CONFIG error naming the variable), then logs in without
   * the pool and proves the principal may create tables and the volume in the schema.
   */
  @Override
  public void check() {
    if (pool != null) {
      connector.login();
    }
    DataSource direct = pool != null ? connector : connections;
    try (Connection c = direct.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT current_catalog(), current_user()")) {
        rs.next();
        requireCatalog(rs.getString(1), rs.getString(2));
      }
      new TableSetup<>(dialect, c).createSchema(schema);
      s.execute(DatabricksStage.create(schema, volume));
      s.execute("CREATE TABLE IF NOT EXISTS " + dialect.qualified(schema, SystemTables.CHECK) + " (`probe` INT)");
      s.execute("DROP TABLE IF EXISTS " + dialect.qualified(schema, SystemTables.CHECK));
    } catch (SQLException e) {
      throw errors.at(e, "checking the Databricks sink");
    }
  }

  private void requireCatalog(String catalog, String user) {
    if (catalog == null || !catalog.equalsIgnoreCase(config.catalog())) {
      throw TributaryException.config("Databricks logged in as " + user + " but catalog " + config.catalog()
          + " is not the session's catalog (" + catalog + "): it does not exist or is not granted",
          "check sink.catalog, and GRANT USE CATALOG ON CATALOG " + config.catalog() + " TO `" + user + "`");
    }
  }

  @Override
  public TableWriter open(TableSpec spec) {
    String table = dialect.stored(TableSpecs.validate(spec, dialect::stored));
    boolean keyed = !spec.schema().primaryKey().isEmpty() && spec.mode() != WriteMode.APPEND;
    String staging = DatabricksStaging.table(table, spec.stream());
    DatabricksStage stage = new DatabricksStage(dialect.stored(config.catalog()), schema, volume, spec.run(),
        spec.stream());
    Path dir = spoolDir.resolve(spec.run().job()).resolve(spec.stream());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create spool directory " + dir, e);
    }
    return transactions.runAlone("preparing table " + schema + "." + table, c -> {
      TableSetup<DatabricksType> setup = new TableSetup<>(dialect, c);
      setup.createSchema(schema);
      try (Statement s = c.createStatement()) {
        s.execute(DatabricksStage.create(schema, volume));
      }
      state.create(c);
      quarantine.create(c);
      Optional<DatabricksStateTable.Entry> entry =
          state.read(c, spec.run().job(), spec.stream(), spec.run().instanceId());
      boolean restart = entry.isPresent();
      CommittedRowsCheck committed = new CommittedRowsCheck(dialect, schema, spec.run().job(), table);
      if (DatabricksTableWriter.checksCommittedRows(spec, entry)) {
        // before a restart resumes from the state's position or a run reads on from the watermark; before the DDL
        // below, which would recreate a dropped target
        committed.verify(c);
      }
      TableLayout<DatabricksType> layout = setup.ensure(schema, table, spec.schema(), keyed);
      if (spec.fullRefresh() && !restart && spec.mode() != WriteMode.REPLACE) {
        state.rebaseline(c, spec.run().job(), spec.stream(), spec.run().instanceId(), table, committed.rowsHeld(c));
      }
      // A new job instance starts its staging over; a restart keeps the chunks it already committed.
      DatabricksStaging.ensure(c, layout, staging, !restart);
      String stagingQualified = dialect.qualified(schema, staging);
      long nextSeq = restart ? DatabricksStaging.maxSeq(c, stagingQualified) + 1 : 1;
      return new DatabricksTableWriter(transactions, state, quarantine, spec, layout, stagingQualified, stage, dir,
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
