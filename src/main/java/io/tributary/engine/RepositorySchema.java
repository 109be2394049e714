package io.tributary.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the Spring Batch job repository tables once, in H2 or PostgreSQL (or MariaDB/MySQL), using the scripts
 * shipped in spring-batch-core. Boot's {@code initialize-schema=always} would re-run CREATE TABLE on every start.
 */
@Component
public class RepositorySchema {

  public RepositorySchema(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (exists(c, "BATCH_JOB_INSTANCE")) {
        return;
      }
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      String platform = product.contains("postgres") ? "postgresql"
          : product.contains("mariadb") ? "mariadb"
          : product.contains("mysql") ? "mysql"
          : "h2";
      new ResourceDatabasePopulator(
          new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql")).populate(c);
    }
  }

  /** Only in the connection's own schema: another schema's Batch tables are not ours. */
  private static boolean exists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    for (String name : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
      try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), name, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
