package io.tributary.sink.duckdb;

import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.sink.TableSpecs;
import io.tributary.sink.jdbc.JdbcSink;
import io.tributary.sink.jdbc.JdbcTableWriter;
import io.tributary.sink.jdbc.JdbcTransactions;
import io.tributary.sink.jdbc.QuarantineTable;
import io.tributary.sink.jdbc.StateTable;
import io.tributary.sink.jdbc.TableSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;

/**
 * The embedded DuckDB warehouse: one database file per sink, opened once and shared by every connection of the run
 * through {@link DuckDbConnectionSource}. DuckDB lets one process write a file at a time, so a second run on the same
 * file fails at {@link #open(Path, String)} with a clear message.
 */
public final class DuckDbSink extends JdbcSink<DuckDbType> implements io.tributary.core.MartReaderPublisher {

  private final Path file;
  private final DuckDBConnection base;
  private final DataSource dataSource;

  private DuckDbSink(Path file, String schema, DuckDBConnection base, DataSource dataSource) {
    super(DuckDbDialect.INSTANCE, schema, dataSource, DuckDbErrors::at);
    this.file = file;
    this.base = base;
    this.dataSource = dataSource;
  }

  /** Opens the database a job's {@code sink:} block names (no block: the defaults), relative to the job's folder. */
  public static DuckDbSink open(DuckDbSinkConfig config, JobContext context) {
    DuckDbSinkConfig effective = config == null ? new DuckDbSinkConfig(null, null) : config;
    String schema = Identifiers.require(effective.schemaOrDefault(), "sink.schema");
    return open(context.resolve(effective.pathOrDefault(context.jobName())), schema);
  }

  /** Opens (creating if needed) the database file and its parent directories. */
  public static DuckDbSink open(Path file, String schema) {
    Identifiers.require(schema, "sink.schema");
    Path absolute = file.toAbsolutePath().normalize();
    String catalog = absolute.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    if (catalog.equalsIgnoreCase(schema)) {
      // DuckDB names the database after the file, and then "x.table" is ambiguous between catalog and schema.
      throw TributaryException.config("sink.schema '" + schema + "' has the same name as the DuckDB file " + absolute
          + ", which DuckDB uses as the database name, so table names would be ambiguous",
          "rename the file (for example path: warehouse/" + schema + "_warehouse.duckdb) or the schema"
              + " (for example schema: raw)");
    }
    try {
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
    } catch (IOException e) {
      throw new TributaryException(TributaryException.Kind.CONFIG,
          "cannot create the directory of the DuckDB file " + absolute + ": " + e.getClass().getSimpleName(),
          "make the directory writable or point sink.path elsewhere", e);
    }
    try {
      DuckDBConnection base = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + absolute);
      return new DuckDbSink(absolute, schema, base, new DuckDbConnectionSource(base));
    } catch (SQLException e) {
      throw DuckDbErrors.onOpen(absolute, e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Connections sharing this sink's database (each a duplicate of the base connection); for the engine and tests. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Creates the schema and the state and quarantine tables: proves the file is writable. */
  @Override
  public void check() {
    transactions.runDdl(schema, "preparing schema " + schema + " in " + file, c -> {
      new TableSetup<>(dialect, c).createSchema(schema);
      new StateTable(dialect, schema).create(c);
      new QuarantineTable(dialect, schema).create(c);
      defaultQuarantineTime(c);
      return null;
    });
  }

  /**
   * The parts of a partitioned stream open tables at once from their threads: their DDL takes turns
   * ({@link JdbcTransactions#runDdl}), since DuckDB's {@code CREATE ... IF NOT EXISTS} and the check-then-create of
   * table evolution race between them.
   */
  @Override
  public TableWriter open(TableSpec spec) {
    String table = TableSpecs.validate(spec, name -> dialect.columnKey(dialect.stored(name)));
    spec.schema().columns().forEach(dialect::typeOf);
    transactions.runDdl(schema, "upgrading " + SystemTables.QUARANTINE, c -> {
      defaultQuarantineTime(c);
      return null;
    });
    return JdbcTableWriter.open(this, spec, table, DuckDbBulkLoad::create);
  }

  /**
   * A quarantine table an earlier Tributary made has {@code quarantined_at} NOT NULL without a default: it gets the
   * default the current one is created with, once, so inserts need not name the column.
   */
  private void defaultQuarantineTime(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.columns WHERE table_schema = ?"
        + " AND table_name = ? AND column_name = 'quarantined_at' AND column_default IS NULL")) {
      ps.setString(1, schema);
      ps.setString(2, SystemTables.QUARANTINE);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + dialect.qualified(schema, SystemTables.QUARANTINE)
          + " ALTER COLUMN quarantined_at SET DEFAULT CURRENT_TIMESTAMP");
    }
  }

  /** DuckDB reads a dropped CSV file itself ({@link DuckDbCsvLoad}). */
  @Override
  public boolean loadsCsvFiles() {
    return true;
  }

  @Override
  public void publishForReaders(java.util.Map<String, java.util.Set<String>> piiColumns) {
    // not beside a mart statement of this process: the copy sees no half-rebuilt mart
    transactions.runBesideDdl("publishing the read snapshots", c -> {
      DuckDbReadSnapshot.publish(c, file, piiColumns);
      return null;
    });
  }

  @Override
  public void close() {
    try {
      base.close();
    } catch (SQLException e) {
      throw DuckDbErrors.at(e, "closing " + file);
    }
  }
}
