package io.tributary.engine.run;

import io.tributary.config.LoadedJob;
import io.tributary.core.TributaryException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A job's identity in the job repository: its name ({@code name:}, by default the file name) bound to a fingerprint
 * of where it reads and writes (source and sink type and location, not credentials or tuning). Watermarks, run
 * history and warehouse positions are keyed by the name, so a second, different job under the same name (say
 * {@code eu/orders.yml} and {@code us/orders.yml}) is refused instead of silently reading on from the first one's
 * watermarks. The same job file run from several folders or hosts has one fingerprint and is one job.
 */
@Component
public class JobIdentity {

  static final String TABLE = "tributary_job_identity";

  /** Block keys that say where data lives, after lower-casing and dropping '_' and '-'. */
  private static final Set<String> LOCATION_KEYS = Set.of("type", "url", "host", "port", "database", "schema",
      "dataset", "project", "path", "dir", "account", "accountid", "orgurl", "baseurl", "loginhost", "instanceurl",
      "sapclient", "tenantid");

  private final JdbcTemplate jdbc;
  private final long repositoryId;

  /** {@code schema} is taken so its tables exist before this is used. */
  public JobIdentity(DataSource repository, RepositorySchema schema) {
    this.jdbc = new JdbcTemplate(repository);
    this.repositoryId = schema.id();
  }

  /** The job repository's id ({@link RepositorySchema#id()}). */
  public long repositoryId() {
    return repositoryId;
  }

  /**
   * Records the job's fingerprint on its first run and refuses (CONFIG, exit 2) a job whose name is registered with
   * another fingerprint and already has watermarks, naming both files. {@code rebind} ({@code --full-refresh}, which reloads from the start and
   * resets the watermarks) takes the name over. Call it while holding the job's run lock.
   */
  public void check(LoadedJob job, boolean rebind) {
    String fingerprint = fingerprint(job.config().source(), job.config().sink());
    String file = job.file().toAbsolutePath().normalize().toString();
    String host = RunLockHolder.hostName();
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT fingerprint, job_file, host FROM " + TABLE
        + " WHERE job_name = ?", job.name());
    if (!rows.isEmpty() && !fingerprint.equals(value(rows.get(0), "fingerprint")) && !rebind && hasWatermarks(job)) {
      Object otherFile = value(rows.get(0), "job_file");
      Object otherHost = value(rows.get(0), "host");
      throw TributaryException.config("job name '" + job.name() + "' already belongs to another job in this job"
          + " repository: " + otherFile + " (on host " + otherHost + ") reads or writes elsewhere than " + file
          + ", and both would share the name's watermarks and run history",
          "give one of them a distinct name: at the top of its file (for example 'name: " + job.name()
              + "-2'); if " + file + " replaces the other on purpose (its source or sink moved), run it once with"
              + " --full-refresh to reload everything under the new source and sink");
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    int updated = jdbc.update("UPDATE " + TABLE + " SET fingerprint = ?, job_file = ?, host = ?, recorded_at = ?"
        + " WHERE job_name = ?", fingerprint, file, host, now, job.name());
    if (updated == 0) {
      jdbc.update("INSERT INTO " + TABLE + " (job_name, fingerprint, job_file, host, recorded_at)"
          + " VALUES (?, ?, ?, ?, ?)", job.name(), fingerprint, file, host, now);
    }
  }

  /**
   * Whether the name has watermarks that another source or sink would inherit. Until a stream of it completes there
   * are none, so fixing a job file after a failed first run (a schema typo) is not refused.
   */
  private boolean hasWatermarks(LoadedJob job) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM tributary_watermark WHERE job_name = ?", Integer.class,
        job.name());
    return n != null && n > 0;
  }

  /** SHA-256 of the source's and the sink's location keys, in a canonical order. */
  static String fingerprint(Map<String, Object> source, Map<String, Object> sink) {
    String canonical = "source" + locations(source) + "sink" + locations(sink);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static Map<String, String> locations(Map<String, Object> block) {
    Map<String, String> out = new TreeMap<>();
    block.forEach((key, value) -> {
      String normal = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
      if (LOCATION_KEYS.contains(normal) && value != null && !(value instanceof Map) && !(value instanceof List)) {
        out.put(normal, value.toString().strip());
      }
    });
    return out;
  }

  private static Object value(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v != null ? v : row.get(column.toUpperCase(Locale.ROOT));
  }
}
