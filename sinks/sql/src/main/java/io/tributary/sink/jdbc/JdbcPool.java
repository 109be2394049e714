package io.tributary.sink.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/** The small connection pool of a JDBC warehouse sink (HikariCP over the warehouse's own DataSource). */
public final class JdbcPool {

  private JdbcPool() {}

  /**
   * A pool that opens no connection until the first use: connection and login problems then surface from
   * {@code check()} and the first chunk, classified, not from the sink's constructor.
   */
  public static HikariDataSource of(DataSource connections, String name, int size, long connectionTimeoutMillis) {
    HikariDataSource pool = new HikariDataSource();
    pool.setDataSource(connections);
    pool.setPoolName(name);
    pool.setMaximumPoolSize(size);
    pool.setMinimumIdle(0);
    pool.setConnectionTimeout(connectionTimeoutMillis);
    pool.setInitializationFailTimeout(-1);
    return pool;
  }
}
