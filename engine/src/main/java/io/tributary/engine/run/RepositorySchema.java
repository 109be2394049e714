package io.tributary.engine.run;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the job repository's tables once: Spring Batch's (from the scripts shipped in spring-batch-core) and
 * Tributary's own ({@code tributary_*}). Processes that start together (two first runs, a run and its workers) must
 * not race: in PostgreSQL the check and the creation run in one transaction under an advisory lock of the schema, so
 * a second process waits and then finds the tables. H2 in file mode admits one process at a time anyway.
 */
@Component
public class RepositorySchema {

  /** Tributary's own tables. Each is created if missing, so a repository from an older version gains new ones. */
  private static final List<String> TRIBUTARY_TABLES = List.of(
      "CREATE TABLE IF NOT EXISTS tributary_watermark (job_name VARCHAR(100) NOT NULL,"
          + " stream VARCHAR(200) NOT NULL, watermark VARCHAR(65535), run_id BIGINT, updated_at TIMESTAMP,"
          + " PRIMARY KEY (job_name, stream))",
      "CREATE TABLE IF NOT EXISTS tributary_load_audit (job_name VARCHAR(100) NOT NULL,"
          + " run_id BIGINT NOT NULL, stream VARCHAR(200) NOT NULL, rows_read BIGINT, rows_written BIGINT,"
          + " rows_quarantined BIGINT, reported_total BIGINT, watermark_before VARCHAR(65535),"
          + " watermark_after VARCHAR(65535), started_at TIMESTAMP, ended_at TIMESTAMP, operator VARCHAR(200),"
          + " host VARCHAR(200), PRIMARY KEY (job_name, run_id, stream))",
      "CREATE TABLE IF NOT EXISTS " + RunLockHolder.TABLE + " (job_name VARCHAR(100) NOT NULL PRIMARY KEY,"
          + " host VARCHAR(200) NOT NULL, pid BIGINT NOT NULL, since VARCHAR(40) NOT NULL,"
          + " session_id VARCHAR(100) NOT NULL)",
      "CREATE TABLE IF NOT EXISTS " + JobIdentity.TABLE + " (job_name VARCHAR(100) NOT NULL PRIMARY KEY,"
          + " fingerprint VARCHAR(64) NOT NULL, job_file VARCHAR(2000) NOT NULL, host VARCHAR(200) NOT NULL,"
          + " recorded_at VARCHAR(40) NOT NULL)",
      "CREATE TABLE IF NOT EXISTS " + QueryAuditSpool.TABLE + " (called_at TIMESTAMP NOT NULL,"
          + " job_name VARCHAR(100), tool VARCHAR(100) NOT NULL, arguments VARCHAR(65535), rows_returned BIGINT,"
          + " outcome VARCHAR(4000), caller VARCHAR(500))");

  /** The table of the repository's one id ({@link #id()}). */
  static final String ID_TABLE = "tributary_repository";

  private final long id;

  public RepositorySchema(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String platform = platform(c);
      long[] created = new long[1];
      LocalTransaction.<RuntimeException>run(c, tx -> {
        if (platform.equals("postgresql")) {
          // Released at commit or rollback; a process that dies here loses it with its session.
          try (Statement s = tx.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + AdvisoryLocks.key("tributary-schema", currentSchema(tx))
                + ")");
          }
        }
        create(tx, platform);
        created[0] = repositoryId(tx);
      });
      id = created[0];
    }
  }

  /**
   * This job repository's id, chosen at random when it was created: the high half of every job instance key
   * ({@link io.tributary.core.RunInfo#instanceKey}), so that the warehouse can tell the instances of two repositories apart, which Spring
   * Batch numbers alike from 1. A repository that ran jobs before ids existed keeps 0, the keys its warehouses hold.
   */
  public long id() {
    return id;
  }

  private static long repositoryId(Connection c) throws SQLException {
    boolean older;
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM BATCH_JOB_INSTANCE")) {
        older = rs.next() && rs.getLong(1) > 0;
      }
      s.execute("CREATE TABLE IF NOT EXISTS " + ID_TABLE + " (id BIGINT NOT NULL)");
      try (ResultSet rs = s.executeQuery("SELECT id FROM " + ID_TABLE)) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    long id = older ? 0 : 1 + new SecureRandom().nextInt(Integer.MAX_VALUE - 1);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ID_TABLE + " (id) VALUES (?)")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
    return id;
  }

  private static void create(Connection c, String platform) throws SQLException {
    if (!exists(c, "BATCH_JOB_INSTANCE")) {
      new ResourceDatabasePopulator(
          new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql")).populate(c);
    }
    try (Statement s = c.createStatement()) {
      for (String ddl : TRIBUTARY_TABLES) {
        s.execute(ddl);
      }
    }
  }

  static String platform(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    return product.contains("postgres") ? "postgresql"
        : product.contains("mariadb") ? "mariadb"
        : product.contains("mysql") ? "mysql"
        : "h2";
  }

  static String currentSchema(Connection c) throws SQLException {
    String schema = c.getSchema();
    return schema == null ? "" : schema;
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
