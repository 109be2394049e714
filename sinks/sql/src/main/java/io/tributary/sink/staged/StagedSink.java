package io.tributary.sink.staged;

import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import io.tributary.sink.StateRowFence;
import io.tributary.sink.TableSpecs;
import com.zaxxer.hikari.HikariDataSource;
import io.tributary.sink.jdbc.CommittedRowsCheck;
import io.tributary.sink.jdbc.DriverConnector;
import io.tributary.sink.jdbc.JdbcPool;
import io.tributary.sink.jdbc.JdbcSink;
import io.tributary.sink.jdbc.JdbcTransactions;
import io.tributary.sink.jdbc.QuarantineTable;
import io.tributary.sink.jdbc.SqlDialect;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.jdbc.TableSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A warehouse that stages chunk files and publishes each stream once (Snowflake, Databricks): raw tables, their
 * staging tables ({@link StagingTable}), {@link io.tributary.core.SystemTables#STATE} and the quarantine in the raw
 * schema, a stage for chunk files. {@link #open} prepares a stream's tables the same way for every such warehouse; the
 * warehouse says where its files go ({@link #stage}), whether a job instance is restarting, what happens to leftover
 * files and which writer loads the stream.
 */
public abstract class StagedSink extends JdbcSink<StagedType> {

  protected final StagedStateTable state;
  protected final QuarantineTable quarantine;
  protected final StagingTable staging;
  protected final Path spoolDir;
  private final DriverConnector connector;
  private final DataSource testConnections;
  private final HikariDataSource pool;

  /**
   * @param connector the warehouse's driver sessions; the sink pools them (a login costs a round trip)
   * @param testConnections a JDBC double used instead of the driver and the pool (tests), or null
   */
  protected StagedSink(SqlDialect<StagedType> dialect, String schema, DriverConnector connector,
      DataSource testConnections, JdbcTransactions.SqlErrors errors, StagingTable.Shape stagingShape,
      boolean upgradesOlderState, Path spoolDir) {
    this(dialect, schema, connector, testConnections, testConnections == null
        ? JdbcPool.of(connector, "tributary-" + dialect.name().toLowerCase(java.util.Locale.ROOT) + "-sink", 2,
            60_000) : null, errors, stagingShape, upgradesOlderState, spoolDir);
  }

  private StagedSink(SqlDialect<StagedType> dialect, String schema, DriverConnector connector,
      DataSource testConnections, HikariDataSource pool, JdbcTransactions.SqlErrors errors,
      StagingTable.Shape stagingShape, boolean upgradesOlderState, Path spoolDir) {
    super(dialect, schema, pool != null ? pool : testConnections, errors);
    this.connector = connector;
    this.testConnections = testConnections;
    this.pool = pool;
    this.state = new StagedStateTable(dialect, schema, upgradesOlderState);
    this.quarantine = new QuarantineTable(dialect, schema);
    this.staging = new StagingTable(dialect, stagingShape);
    this.spoolDir = spoolDir;
  }

  /**
   * A session of its own for {@code check()}, outside the pool: the credentials are resolved first, so a missing
   * secret is a CONFIG error naming the variable before any network call.
   */
  protected Connection checkSession() throws SQLException {
    if (testConnections != null) {
      return testConnections.getConnection();
    }
    connector.login();
    return connector.getConnection();
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** The statement that creates the sink's stage (one per schema) when missing. */
  protected abstract String createStage();

  /** Creates or evolves the stream's target table; a warehouse may create it its own way (Snowflake: transient). */
  protected TableLayout<StagedType> ensureTarget(TableSetup<StagedType> setup, String table, TableSpec spec,
      boolean keyed) throws SQLException {
    return setup.ensure(schema, table, spec.schema(), keyed);
  }

  /** This stream's folder of the stage. */
  protected abstract StageLocation stage(TableSpec spec);

  /** Runs the preparation of a table: in a transaction of its own, or statement by statement. */
  protected abstract <R> R prepare(String doing, JdbcTransactions.Work<R> work);

  /**
   * Whether this job instance already staged or published chunks of the stream (a restart keeps them).
   *
   * @param entry the stream's state row when this instance wrote it
   */
  protected abstract boolean restarting(Connection c, Optional<StagedStateTable.Entry> entry, String schema,
      String stagingTable, TableSpec spec) throws SQLException;

  /**
   * After the staging table is ready: removes the stream's leftover files, or keeps what a restart still needs.
   *
   * @param writer this writer's claim on the state row, or null when the warehouse's writer has none
   */
  protected abstract void tidyStage(Connection c, StageLocation stage, boolean restart, TableLayout<StagedType> layout,
      String stagingTable, String writer) throws SQLException;

  /** The writer of one prepared stream. */
  protected abstract TableWriter writer(StagedTable table);

  /**
   * Whether the stream's writer claims its state row ({@link StateRowFence}): every state write of its chunks and
   * publish then commits only while no writer of a later run has claimed the row since, in the same transaction.
   */
  protected boolean claimsState() {
    return false;
  }

  /**
   * The staging table's column that names the writer of each staged row, or null when staged rows carry none. A
   * warehouse whose chunks cannot roll back (Databricks) stamps every staged row with the writer's claim and reads
   * only its own: a chunk a stale run commits after the claim is never read, resumed from or published. At open, a
   * restart's writer adopts the rows of the writer whose claim it took (it resumes after them and publishes them).
   */
  protected String stagedWriterColumn() {
    return null;
  }

  /** Runs one publishing statement and returns the rows it inserted into the target. */
  protected abstract PublishStatement publishStatement();

  @Override
  public TableWriter open(TableSpec spec) {
    String table = dialect.stored(TableSpecs.validate(spec, dialect::stored));
    boolean keyed = !spec.schema().primaryKey().isEmpty() && spec.mode() != WriteMode.APPEND;
    String stagingTable = staging.name(table, spec.stream());
    StageLocation stage = stage(spec);
    Path dir = spoolDir.resolve(spec.run().job()).resolve(spec.stream());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create spool directory " + dir, e);
    }
    return prepare("preparing table " + schema + "." + table, c -> {
      TableSetup<StagedType> setup = new TableSetup<>(dialect, c);
      setup.createSchema(schema);
      try (Statement s = c.createStatement()) {
        s.execute(createStage());
      }
      state.create(c);
      quarantine.create(c);
      String token = claimsState() ? StateRowFence.newToken(spec.run()) : null;
      String writerColumn = token != null ? stagedWriterColumn() : null;
      String previous = null;
      if (writerColumn != null) {
        addColumnWhenMissing(c, setup, SystemTables.STATE, "writer");
        previous = state.writer(c, spec.run().job(), spec.stream());
      }
      if (token != null) {
        // from here on a writer of another run still loading this stream (it lost its run lock) fails its next chunk
        // and its publish; what it committed before is in the state read next, so this run resumes after it
        state.claim(c, spec.run().job(), spec.stream(), token);
      }
      Optional<StagedStateTable.Entry> entry = state.read(c, spec);
      boolean restart = restarting(c, entry, schema, stagingTable, spec);
      CommittedRowsCheck committed = new CommittedRowsCheck(dialect, schema, spec.run().job(), table);
      if (StagedTableWriterBase.checksCommittedRows(spec, entry)) {
        // before a restart resumes from the state's position or a run reads on from the watermark; before the DDL
        // below, which would recreate a dropped target
        committed.verify(c);
      }
      TableLayout<StagedType> layout = ensureTarget(setup, table, spec, keyed);
      if (spec.fullRefresh() && !restart && spec.mode() != WriteMode.REPLACE) {
        state.rebaseline(c, spec.run().job(), spec.stream(), spec.run().instanceId(), table, committed.rowsHeld(c),
            token);
      }
      // A new job instance starts its staging over; a restart keeps the chunks it already committed.
      staging.ensure(c, layout, stagingTable, !restart);
      String stagingQualified = dialect.qualified(schema, stagingTable);
      if (writerColumn != null && restart) {
        addColumnWhenMissing(c, setup, stagingTable, writerColumn);
        adoptStaged(c, stagingQualified, writerColumn, previous, token);
      }
      tidyStage(c, stage, restart, layout, stagingQualified, token);
      long nextSeq = restart ? staging.maxSeq(c, stagingQualified) + 1 : 1;
      return writer(new StagedTable(transactions, state, quarantine, spec, layout, stagingQualified, stage, dir,
          nextSeq, committed, publishStatement(), token));
    });
  }

  /**
   * The rows staged by the writer whose claim this one took ({@code previous}; null: rows of a release without
   * claims) become this writer's. A stale writer's chunk committed after this keeps its own claim and stays unread.
   */
  private void adoptStaged(Connection c, String staging, String column, String previous, String token)
      throws SQLException {
    String quoted = dialect.quote(column);
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + staging + " SET " + quoted + " = ? WHERE " + quoted
        + (previous == null ? " IS NULL" : " = ?"))) {
      ps.setString(1, token);
      if (previous != null) {
        ps.setString(2, previous);
      }
      ps.execute();
    }
  }

  /**
   * A table of an older release (the state table, a restart's staging table) lacks the writer's column; this
   * warehouse has no ADD COLUMN IF NOT EXISTS.
   */
  private void addColumnWhenMissing(Connection c, TableSetup<StagedType> setup, String table, String column)
      throws SQLException {
    if (!setup.columns(schema, table).containsKey(dialect.columnKey(column))) {
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE " + dialect.qualified(schema, table) + " ADD COLUMN " + dialect.quote(column) + " "
            + dialect.ddl(io.tributary.core.ColumnType.STRING));
      }
    }
  }
}
