package io.tributary.source.jdbc;

import io.tributary.core.Column;
import io.tributary.core.Cursor;
import io.tributary.core.PartitionableSource;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TypedOptionsSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads tables or queries of a relational database (PostgreSQL, MariaDB/MySQL, H2) with key-set paging. Opens a
 * connection per {@link #check}/{@link #discover} call and one per stream reader; holds none itself. A stream with a
 * single integer primary key can be split into key ranges ({@code partitions:}, see {@link JdbcPartitions}).
 */
final class JdbcSource extends TypedOptionsSource<JdbcStreamOptions> implements PartitionableSource {

  private final JdbcSourceConfig config;

  JdbcSource(JdbcSourceConfig config) {
    super(JdbcStreamOptions::parse);
    this.config = config;
  }

  @Override
  public void check() {
    try (Connection c = connect()) {
      new JdbcCatalog(c, config.schema()).tables();
    } catch (SQLException e) {
      throw JdbcErrors.read(e, "the table list of " + JdbcUrls.redact(config.url()));
    }
  }

  @Override
  public List<StreamSchema> discover() {
    try (Connection c = connect()) {
      JdbcCatalog catalog = new JdbcCatalog(c, config.schema());
      List<StreamSchema> streams = new ArrayList<>();
      for (JdbcCatalog.TableRef table : catalog.tables()) {
        streams.add(schema(table.name(), catalog.columns(catalog.fromItem(table)), catalog.primaryKey(table)));
      }
      return streams;
    } catch (SQLException e) {
      throw JdbcErrors.read(e, "the tables of " + JdbcUrls.redact(config.url()));
    }
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    JdbcStreamOptions opts = options(stream, options);
    try (Connection c = connect()) {
      JdbcCatalog catalog = new JdbcCatalog(c, config.schema());
      JdbcCatalog.StreamFrom from = catalog.streamFrom(stream, opts);
      return schema(stream, catalog.columns(from.fromItem()), from.primaryKey());
    } catch (SQLException e) {
      throw JdbcErrors.read(e, "stream '" + stream + "'");
    }
  }

  @Override
  protected StreamReader open(ReadRequest request, JdbcStreamOptions opts) {
    Connection c = connect();
    try {
      // PostgreSQL streams a result set only inside a transaction with a fetch size
      c.setAutoCommit(false);
      JdbcCatalog catalog = new JdbcCatalog(c, config.schema());
      JdbcCatalog.StreamFrom from = catalog.streamFrom(request.stream(), opts);
      List<JdbcColumn> columns = catalog.columns(from.fromItem());
      c.commit();
      JdbcReadPlan plan = JdbcReadPlan.build(request, from.fromItem(), columns, from.primaryKey(), catalog);
      JdbcPassThrough pass = JdbcPassThrough.plan(c, request, opts, plan, catalog);
      return new JdbcStreamReader(c, request, plan, new JdbcValues(config.zone()), config.fetchSizeOrDefault(), pass);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof SQLException sql) {
        throw JdbcErrors.read(sql, "stream '" + request.stream() + "'");
      }
      throw (RuntimeException) e;
    }
  }

  /** One {@code SELECT min(key), max(key)} over the stream, then contiguous key ranges. */
  @Override
  public List<Map<String, String>> partitions(ReadRequest request, int count) {
    JdbcStreamOptions opts = options(request.stream(), request.options());
    try (Connection c = connect()) {
      JdbcCatalog catalog = new JdbcCatalog(c, config.schema());
      JdbcCatalog.StreamFrom from = catalog.streamFrom(request.stream(), opts);
      String baseFrom = from.fromItem();
      List<String> pk = request.primaryKey().isEmpty() ? from.primaryKey() : request.primaryKey();
      JdbcColumn key = JdbcPartitions.requireIntegerKey(request.stream(), catalog.columns(baseFrom), pk);
      String ref = "s." + catalog.quote(key.label());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT min(" + ref + "), max(" + ref + ") FROM " + baseFrom + " s")) {
        rs.next();
        long min = rs.getLong(1);
        if (rs.wasNull()) {
          return JdbcPartitions.split(0, 0, 1);
        }
        return JdbcPartitions.split(min, rs.getLong(2), count);
      }
    } catch (SQLException e) {
      throw JdbcErrors.read(e, "the key range of stream '" + request.stream() + "'");
    }
  }

  @Override
  public Cursor lowestWatermark(List<Cursor> watermarks) {
    return JdbcPartitions.lowest(watermarks);
  }

  private Connection connect() {
    Properties props = new Properties();
    if (config.user() != null) {
      props.setProperty("user", config.user());
    }
    if (config.password() != null) {
      props.setProperty("password", config.password().resolve());
    }
    try {
      Connection c = DriverManager.getConnection(config.url(), props);
      if (config.schema() != null && !config.schema().isBlank()) {
        useSchema(c);
      }
      return c;
    } catch (SQLException e) {
      throw JdbcErrors.connect(e, config.url());
    }
  }

  /** Makes unqualified names in a stream's query resolve against the configured schema. */
  private void useSchema(Connection c) throws SQLException {
    try {
      new JdbcCatalog(c, config.schema()).useNamespace();
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private static StreamSchema schema(String name, List<JdbcColumn> columns, List<String> primaryKey) {
    List<Column> out = columns.stream().map(JdbcColumn::toColumn).toList();
    return new StreamSchema(name, out, primaryKey);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the original failure is the one worth reporting
    }
  }
}
