package io.tributary.sink.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.MartReaderPublisher;
import io.tributary.core.SecretRef;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.sink.TableSpecs;
import io.tributary.sink.jdbc.JdbcPool;
import io.tributary.sink.jdbc.JdbcSink;
import io.tributary.sink.jdbc.JdbcTableWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL warehouse: raw tables, {@link SystemTables#STATE} and {@link SystemTables#QUARANTINE} in the configured
 * schema, marts in {@code marts}. Holds a small connection pool: the staging table of a merge is a session temp table
 * that lives as long as its pooled connection.
 */
public final class PostgresSink extends JdbcSink<PostgresType> implements MartReaderPublisher {

  /** PostgreSQL truncates longer names (manual, "Identifiers and Key Words"). */
  private static final int MAX_NAME = 63;

  private final PostgresErrors errors;
  private final PGSimpleDataSource direct;
  private final HikariDataSource pool;
  private final SecretRef readerPassword;

  public PostgresSink(PostgresSinkConfig config, JobContext context) {
    this(Identifiers.require(config.schema(), "sink.schema"), PostgresEndpoint.parse(config.url(), config.user()),
        direct(config, context), config.readerPassword());
  }

  private PostgresSink(String schema, PostgresEndpoint endpoint, PGSimpleDataSource direct, SecretRef readerPassword) {
    this(schema, new PostgresErrors(endpoint, schema), direct,
        JdbcPool.of(direct, "tributary-postgres-sink", 3, 30_000), readerPassword);
  }

  private PostgresSink(String schema, PostgresErrors errors, PGSimpleDataSource direct, HikariDataSource pool,
      SecretRef readerPassword) {
    super(PostgresDialect.INSTANCE, schema, pool, errors::at);
    this.errors = errors;
    this.direct = direct;
    this.pool = pool;
    this.readerPassword = readerPassword;
  }

  private static PGSimpleDataSource direct(PostgresSinkConfig config, JobContext context) {
    PGSimpleDataSource direct = new PGSimpleDataSource();
    direct.setUrl(config.url());
    if (config.user() != null) {
      direct.setUser(config.user());
    }
    if (config.password() != null) {
      direct.setPassword(config.password().resolve());
    }
    direct.setApplicationName("tributary " + context.jobName());
    return direct;
  }

  /** Connects without the pool (so a wrong password fails at once) and proves it may create tables in the schema. */
  @Override
  public void check() {
    try (Connection c = direct.getConnection()) {
      c.setAutoCommit(false);
      PostgresDdlLock.acquire(c, schema);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + dialect.quote(schema));
        s.execute("CREATE TABLE " + dialect.qualified(schema, SystemTables.CHECK) + " (probe int)");
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw errors.atCheck(e);
    }
  }

  @Override
  public TableWriter open(TableSpec spec) {
    String table = TableSpecs.validate(spec, dialect::stored);
    if (spec.mode() == WriteMode.REPLACE && SystemTables.replacing(table).length() > MAX_NAME) {
      throw TributaryException.config("table name '" + table + "' is too long for mode replace, which loads into '"
          + SystemTables.replacing(table) + "' (PostgreSQL names are at most " + MAX_NAME + " characters)",
          "map the stream to a table name of at most " + (MAX_NAME - SystemTables.REPLACE_SUFFIX.length())
              + " characters");
    }
    return JdbcTableWriter.open(this, spec, table, PostgresBulkLoad::create);
  }

  /** Under the DDL lock of {@code marts}, like the mart statements themselves. */
  @Override
  public void beforeMartBuild(List<String> marts) {
    transactions.runDdl(dialect.stored(MARTS), "withdrawing the readers' views", c -> {
      PostgresReaderViews.withdraw(c, marts);
      return null;
    });
  }

  @Override
  public void publishForReaders(Map<String, Set<String>> piiColumns) {
    transactions.runDdl(dialect.stored(MARTS), "publishing the marts for readers", c -> {
      PostgresReaderViews.publish(c, piiColumns, readerPassword == null ? null : readerPassword.resolve());
      return null;
    });
  }

  @Override
  public void close() {
    pool.close();
  }
}
