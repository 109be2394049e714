package io.tributary.sink.databricks;

import io.tributary.core.ChunkTransaction;
import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.sink.jdbc.JdbcTransactions;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.jdbc.TableSetup;
import io.tributary.sink.staged.AtomicStagedWriter;
import io.tributary.sink.staged.PublishStatement;
import io.tributary.sink.staged.StageLocation;
import io.tributary.sink.staged.StagedChunkFile;
import io.tributary.sink.staged.StagedSink;
import io.tributary.sink.staged.StagedStateTable;
import io.tributary.sink.staged.StagedTable;
import io.tributary.sink.staged.StagedType;
import io.tributary.sink.staged.StagingTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A Databricks SQL warehouse: raw tables, their staging tables, {@link SystemTables#STATE} and
 * {@link SystemTables#QUARANTINE} as Delta tables in the configured Unity Catalog schema, a managed volume for chunk
 * files, marts in {@code marts}. A Delta table commits each statement alone and no transaction spans COPY INTO, PUT
 * or DDL, so every statement runs in autocommit and the writer ({@link AtomicStagedWriter}) makes each one atomic or
 * idempotent on replay; a chunk "transaction" of the engine is empty. Holds a small connection pool: a login costs an
 * OAuth round trip.
 */
public final class DatabricksSink extends StagedSink {

  static final String CONTROL = SystemColumns.PREFIX + "control";
  /** The claim of the writer that staged (or adopted) a staging row: see {@link StagedSink#stagedWriterColumn}. */
  static final String WRITER = SystemColumns.PREFIX + "writer";
  /** Delta staging tables, plus the control column (a chunk's marker and quarantined records) and the writer's. */
  static final StagingTable.Shape STAGING = new StagingTable.Shape("CREATE OR REPLACE TABLE",
      "CREATE TABLE IF NOT EXISTS", "", List.of(DatabricksDialect.INSTANCE.quote(CONTROL) + " STRING",
          DatabricksDialect.INSTANCE.quote(WRITER) + " STRING"), 255);
  /** No multi-statement transaction: each statement of a chunk commits alone (Databricks docs, "Transactions"). */
  private static final ChunkTransaction AUTOCOMMIT = new ChunkTransaction() {
    @Override
    public void commit() {}

    @Override
    public void rollback() {}
  };

  private final DatabricksSinkConfig config;
  private final String volume;
  private final DatabricksErrors errors;

  public DatabricksSink(DatabricksSinkConfig config, JobContext context) {
    this(config, context, null, null);
  }

  /** With {@code connections} (tests: a JDBC double) instead of the driver, and a fixed spool directory. */
  DatabricksSink(DatabricksSinkConfig config, JobContext context, DataSource connections, Path spoolDir) {
    super(DatabricksDialect.INSTANCE, schema(config), new DatabricksConnector(config, spool(context, spoolDir)),
        connections, errors(config)::at, STAGING, false, spool(context, spoolDir));
    this.config = config;
    this.volume = dialect.stored(Identifiers.require(config.volume(), "sink.volume"));
    Identifiers.require(config.catalog(), "sink.catalog");
    this.errors = errors(config);
  }

  private static Path spool(JobContext context, Path spoolDir) {
    return spoolDir != null ? spoolDir : context.baseDir().resolve(".tributary/spool/databricks");
  }

  private static DatabricksErrors errors(DatabricksSinkConfig config) {
    return new DatabricksErrors(config.host(), config.httpPath(), config.catalog(), schema(config));
  }

  private static String schema(DatabricksSinkConfig config) {
    return DatabricksDialect.INSTANCE.stored(Identifiers.require(config.schema(), "sink.schema"));
  }

  /**
   * Resolves the credentials first (a missing secret is a CONFIG error naming the variable), then logs in without
   * the pool and proves the principal may create tables and the volume in the schema.
   */
  @Override
  public void check() {
    try (Connection c = checkSession();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT current_catalog(), current_user()")) {
        rs.next();
        requireCatalog(rs.getString(1), rs.getString(2));
      }
      new TableSetup<>(dialect, c).createSchema(schema);
      s.execute(createStage());
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

  /** Mart DDL too runs in auto-commit: Databricks' transactions accept no DDL. */
  @Override
  protected <R> R ddl(String schema, String doing, JdbcTransactions.Work<R> work) {
    return transactions.runAutocommit(doing, work);
  }

  @Override
  public ChunkTransaction beginChunk() {
    return AUTOCOMMIT;
  }

  /** The managed volume of the schema: files in it cost only storage until REMOVEd. */
  @Override
  protected String createStage() {
    return "CREATE VOLUME IF NOT EXISTS " + dialect.qualified(schema, volume);
  }

  @Override
  protected StageLocation stage(TableSpec spec) {
    return new DatabricksStage(config.catalog(), schema, volume, spec.run(), spec.stream());
  }

  /** Statement by statement: every preparing statement is DDL or an idempotent MERGE of the state row. */
  @Override
  protected <R> R prepare(String doing, JdbcTransactions.Work<R> work) {
    return transactions.runAutocommit(doing, work);
  }

  /**
   * This instance published before (its state row), or staged chunks that are not published yet (their markers, which
   * commit with the rows: no state row is written per chunk).
   */
  @Override
  protected boolean restarting(Connection c, Optional<StagedStateTable.Entry> entry, String schema,
      String stagingTable, TableSpec spec) throws SQLException {
    if (entry.isPresent()) {
      return true;
    }
    if (!new TableSetup<>(dialect, c).exists(schema, stagingTable)) {
      return false;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + dialect.qualified(schema, stagingTable) + " WHERE "
            + dialect.quote(CONTROL) + " LIKE '{\"marker\":{\"instance\":" + spec.run().instanceId() + ",%'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /**
   * A new instance removes the files an earlier one left; a restart keeps them (the publish of appended rows loads
   * them). The view of the data rows is built again on the staging table as it is now.
   */
  @Override
  protected void tidyStage(Connection c, StageLocation stage, boolean restart, TableLayout<StagedType> layout,
      String stagingTable, String writer) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (!restart) {
        s.execute(stage.removeAll());
      }
      // a view takes no parameter, so the claim is a literal: "run <id> <uuid>" holds no quote or backslash
      String own = writer == null ? "" : " AND " + dialect.quote(WRITER) + " = '" + writer + "'";
      s.execute("CREATE OR REPLACE VIEW " + dataRows(stagingTable) + " AS SELECT * FROM " + stagingTable + " WHERE "
          + dialect.quote(CONTROL) + " IS NULL" + own);
    }
  }

  /** The view of a staging table's data rows: its name with {@code _rows} appended. */
  private static String dataRows(String stagingQualified) {
    return stagingQualified.substring(0, stagingQualified.length() - 1) + "_rows`";
  }

  @Override
  protected TableWriter writer(StagedTable table) {
    return new AtomicStagedWriter(table,
        new StagedChunkFile(table.layout(), table.spec().run(), DatabricksDialect.CHUNK_FORMAT, 1),
        dataRows(table.staging()), dialect.quote(CONTROL), WRITER);
  }

  /**
   * A refused COPY cannot roll back: each staged row names its writer, a chunk of a run taken over is never read
   * (docs/reliability.md, "A run that lost its lock").
   */
  @Override
  protected boolean claimsState() {
    return true;
  }

  @Override
  protected String stagedWriterColumn() {
    return WRITER;
  }

  /** MERGE, INSERT and COPY INTO answer with a row whose {@code num_inserted_rows} counts the target's new rows. */
  @Override
  protected PublishStatement publishStatement() {
    return (c, sql) -> {
      try (Statement s = c.createStatement()) {
        if (!s.execute(sql)) {
          return 0;
        }
        try (ResultSet rs = s.getResultSet()) {
          return rs.next() ? rs.getLong("num_inserted_rows") : 0;
        }
      }
    };
  }
}
