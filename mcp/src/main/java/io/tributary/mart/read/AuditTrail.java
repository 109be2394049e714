package io.tributary.mart.read;

import io.tributary.engine.run.QueryAuditSpool;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a reader's audit entries to the job repository without holding it: directly into PostgreSQL when
 * {@code TRIBUTARY_REPOSITORY_URL} names one, otherwise to the spool that the next process opening the H2 file
 * repository imports ({@link QueryAuditSpool}). A call whose audit cannot be written at all fails.
 */
public final class AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private final String url = System.getenv("TRIBUTARY_REPOSITORY_URL");

  public void record(QueryAuditSpool.Entry entry) {
    try {
      if (url != null && !url.startsWith("jdbc:h2:")) {
        try (Connection c = DriverManager.getConnection(url, System.getenv("TRIBUTARY_REPOSITORY_USER"),
            System.getenv("TRIBUTARY_REPOSITORY_PASSWORD"))) {
          QueryAuditSpool.insert(c, entry);
        }
      } else {
        QueryAuditSpool.append(Path.of(System.getProperty("tributary.state-dir", ".tributary")), entry);
      }
    } catch (SQLException | IOException e) {
      LOG.error("cannot audit a {} call", entry.tool(), e);
      throw new QueryRefused("the call could not be audited (" + e.getMessage() + ")",
          "check the job repository; no call is answered unaudited");
    }
  }
}
