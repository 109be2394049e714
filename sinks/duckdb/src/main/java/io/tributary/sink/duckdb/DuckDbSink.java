package io.tributary.sink.duckdb;

import static io.tributary.core.Identifiers.quote;

import io.tributary.core.Column;
import io.tributary.core.Identifiers;
import io.tributary.core.Sink;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.sink.StateRowFence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The embedded DuckDB warehouse: one database file per sink, opened once and shared by every connection of the run
 * through {@link DuckDbConnectionSource}. DuckDB lets one process write a file at a time, so a second run on the same
 * file fails at {@link #open(Path, String)} with a clear message.
 */
public final class DuckDbSink implements Sink, io.tributary.core.ReadSnapshotPublisher {

  static final String MARTS = "marts";
  static final String NEW_SUFFIX = "__tributary_new";

  private final Path file;
  private final String schema;
  private final DuckDBConnection base;
  private final DataSource dataSource;
  private final DataSourceTransactionManager transactionManager;
  private final DuckDbTableDdl ddl;

  private DuckDbSink(Path file, String schema, DuckDBConnection base) {
    this.file = file;
    this.schema = schema;
    this.base = base;
    this.dataSource = new DuckDbConnectionSource(base);
    this.transactionManager = new DataSourceTransactionManager(dataSource);
    this.ddl = new DuckDbTableDdl(schema);
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
      return new DuckDbSink(absolute, schema,
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + absolute));
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

  @Override
  public void check() {
    try (Connection c = dataSource.getConnection()) {
      synchronized (ddl) {
        ddl.createSchemaAndMetadataTables(c);
      }
    } catch (SQLException e) {
      throw DuckDbErrors.onDdl("prepare schema " + schema + " in " + file, e,
          "make sure the file is writable and not read-only");
    }
  }

  @Override
  public PlatformTransactionManager transactionManager() {
    return transactionManager;
  }

  @Override
  public TableWriter open(TableSpec spec) {
    validate(spec);
    boolean merge = !spec.schema().primaryKey().isEmpty() && spec.mode() != WriteMode.APPEND;
    String loadTable = spec.mode() == WriteMode.REPLACE ? spec.table() + NEW_SUFFIX : spec.table();
    // Only this process can write the file, but its threads (the parts of a partitioned stream) open tables at
    // once, and DuckDB's CREATE ... IF NOT EXISTS and the check-then-create of createOrEvolve race between them.
    synchronized (ddl) {
      return openLocked(spec, merge, loadTable);
    }
  }

  private TableWriter openLocked(TableSpec spec, boolean merge, String loadTable) {
    try (Connection c = dataSource.getConnection()) {
      ddl.createSchemaAndMetadataTables(c);
      DuckDbStateTable state = new DuckDbStateTable(ddl);
      String job = spec.run().job();
      String token = StateRowFence.newToken(spec.run());
      boolean resuming = isRestart(c, spec);
      if (spec.mode() == WriteMode.REPLACE && resuming && state.published(c, job, spec.stream(),
          spec.run().instanceId())) {
        // the swap committed, the step did not complete: the target is this instance's copy, nothing to load again
        new DuckDbCommittedRows(ddl, job, spec.table()).verify(c);
        state.claim(c, job, spec.stream(), spec.run().instanceId(), spec.table(), token);
        return writer(c, spec, spec.table(), null, token, true);
      }
      boolean freshReplace = spec.mode() == WriteMode.REPLACE && !resuming;
      boolean rebaseline = freshReplace || (spec.fullRefresh() && !resuming);
      DuckDbCommittedRows committed = new DuckDbCommittedRows(ddl, job, loadTable);
      if (!rebaseline) {
        // before the reader resumes from the state's position, or an incremental run reads on from the watermark;
        // before the DDL below, which would recreate a dropped table
        committed.verify(c);
      }
      if (freshReplace) {
        ddl.createFresh(c, loadTable, spec.schema());
      } else {
        ddl.createOrEvolve(c, loadTable, spec.schema());
      }
      if (rebaseline) {
        committed.rebaseline(c, spec.stream(), spec.run().instanceId());
      }
      // from here on a writer of another run still loading this stream (it lost its run lock) fails its next chunk
      state.claim(c, job, spec.stream(), spec.run().instanceId(), loadTable, token);
      return writer(c, spec, loadTable, merge ? mergePlan(spec, loadTable) : null, token, false);
    } catch (SQLException e) {
      throw DuckDbErrors.onDdl("prepare table " + schema + "." + loadTable, e,
          "check the table's definition in " + file + "; drop it to let Tributary recreate it");
    }
  }

  private DuckDbTableWriter writer(Connection c, TableSpec spec, String table, DuckDbMergePlan merge, String token,
      boolean published) throws SQLException {
    DuckDbRowAppender target =
        DuckDbRowAppender.plan(null, schema, table, ddl.columns(c, table), spec.schema(), spec.run());
    return new DuckDbTableWriter(dataSource, ddl, spec, table, target, merge, token, published);
  }

  private boolean isRestart(Connection c, TableSpec spec) throws SQLException {
    return new DuckDbStateTable(ddl).position(c, spec.run().job(), spec.stream(), spec.run().instanceId())
        .isPresent();
  }

  private DuckDbMergePlan mergePlan(TableSpec spec, String loadTable) {
    StreamSchema stream = spec.schema();
    Map<String, DuckDbType> keys = new LinkedHashMap<>();
    for (String key : stream.primaryKey()) {
      Column column = stream.column(key).orElseThrow();
      keys.put(column.name().toLowerCase(Locale.ROOT), DuckDbType.of(column));
    }
    return new DuckDbMergePlan(new DuckDbMergeStatement(ddl.qualified(loadTable), stream),
        DuckDbRowAppender.plan("temp", "main", DuckDbMergeStatement.STAGE, stageColumns(stream), stream, spec.run()),
        DuckDbRowAppender.plan("temp", "main", DuckDbMergeStatement.KEYS, keys, stream, spec.run()));
  }

  private static Map<String, DuckDbType> stageColumns(StreamSchema stream) {
    Map<String, DuckDbType> columns = new LinkedHashMap<>();
    columns.put(DuckDbRowAppender.SEQ, DuckDbType.parse("BIGINT"));
    for (Column column : stream.columns()) {
      columns.put(column.name().toLowerCase(Locale.ROOT), DuckDbType.of(column));
    }
    columns.put(DuckDbTableDdl.DELETED, DuckDbType.parse("BOOLEAN"));
    return columns;
  }

  private static void validate(TableSpec spec) {
    Identifiers.require(spec.table(), "table");
    for (Column column : spec.schema().columns()) {
      Identifiers.require(column.name(), "column of table " + spec.table());
      String lower = column.name().toLowerCase(Locale.ROOT);
      if (lower.startsWith("_tributary_") || lower.equals(DuckDbRowAppender.SEQ)) {
        throw TributaryException.config(
            "column '" + column.name() + "' of table " + spec.table() + " uses a name Tributary reserves",
            "rename the field in the job's mapping");
      }
      DuckDbType.of(column);
    }
    for (String key : spec.schema().primaryKey()) {
      if (spec.schema().column(key).isEmpty()) {
        throw TributaryException.config(
            "primary key '" + key + "' of table " + spec.table() + " is not one of its columns "
                + spec.schema().columnNames(),
            "name an output column (after mapping) in primary_key");
      }
    }
    if (spec.mode() == WriteMode.MERGE && spec.schema().primaryKey().isEmpty()) {
      throw DuckDbTableWriter.noKey(spec);
    }
  }

  @Override
  public void executeMartStatement(String statement) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      synchronized (ddl) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(MARTS));
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw DuckDbErrors.onDdl("run a mart statement", e, "fix the SQL in sql/marts/ (DuckDB dialect) and run again");
    }
  }

  @Override
  public void publishReadSnapshot() {
    try (Connection c = dataSource.getConnection()) {
      synchronized (ddl) {
        DuckDbReadSnapshot.publish(c, file);
      }
    } catch (SQLException e) {
      throw DuckDbErrors.onWrite("open a connection to publish the read snapshot", e);
    }
  }

  @Override
  public String rawSchema() {
    return schema;
  }

  @Override
  public void close() {
    try {
      base.close();
    } catch (SQLException e) {
      throw DuckDbErrors.onWrite("close " + file, e);
    }
  }
}
