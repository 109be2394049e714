package io.tributary.engine.state;

import io.tributary.core.Cursor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per-stream incremental watermarks and the load audit, in the job repository database (H2 or PostgreSQL). A
 * watermark is written only after the stream's step has committed every chunk.
 */
@Component
@DependsOn("repositorySchema") // its tables (io.tributary.engine.run.RepositorySchema) exist before it is used
public class WatermarkStore {

  private final JdbcTemplate jdbc;

  public WatermarkStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public Cursor get(String job, String stream) {
    List<String> rows = jdbc.queryForList(
        "SELECT watermark FROM tributary_watermark WHERE job_name = ? AND stream = ?", String.class, job, stream);
    return rows.isEmpty() ? Cursor.START : CursorCodec.decode(rows.get(0));
  }

  public Map<String, String> all(String job) {
    Map<String, String> result = new java.util.TreeMap<>();
    jdbc.query("SELECT stream, watermark FROM tributary_watermark WHERE job_name = ?",
        rs -> {
          result.put(rs.getString(1), rs.getString(2));
        }, job);
    return result;
  }

  public void put(String job, String stream, Cursor watermark, long runId) {
    String value = CursorCodec.encode(watermark);
    Timestamp now = Timestamp.from(Instant.now());
    int updated = jdbc.update(
        "UPDATE tributary_watermark SET watermark = ?, run_id = ?, updated_at = ? WHERE job_name = ? AND stream = ?",
        value, runId, now, job, stream);
    if (updated == 0) {
      jdbc.update("INSERT INTO tributary_watermark (job_name, stream, watermark, run_id, updated_at)"
          + " VALUES (?, ?, ?, ?, ?)", job, stream, value, runId, now);
    }
  }

  public void reset(String job) {
    jdbc.update("DELETE FROM tributary_watermark WHERE job_name = ?", job);
  }

  /** One audit row per stream per run (replaced if a restart completes the same run). */
  public void audit(LoadAudit a) {
    jdbc.update("DELETE FROM tributary_load_audit WHERE job_name = ? AND run_id = ? AND stream = ?",
        a.job(), a.runId(), a.stream());
    jdbc.update("INSERT INTO tributary_load_audit (job_name, run_id, stream, rows_read, rows_written,"
        + " rows_quarantined, reported_total, watermark_before, watermark_after, started_at, ended_at, operator, host)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        a.job(), a.runId(), a.stream(), a.rowsRead(), a.rowsWritten(), a.rowsQuarantined(),
        a.reportedTotal() < 0 ? null : a.reportedTotal(), CursorCodec.encode(a.watermarkBefore()),
        CursorCodec.encode(a.watermarkAfter()), Timestamp.from(a.startedAt()), Timestamp.from(a.endedAt()),
        a.operator(), a.host());
  }

  public List<Map<String, Object>> audits(String job, int limit) {
    return jdbc.queryForList("SELECT * FROM tributary_load_audit WHERE job_name = ? ORDER BY run_id DESC, stream"
        + " FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", job);
  }

  /** What one stream's load did, for the audit table. */
  public record LoadAudit(String job, long runId, String stream, long rowsRead, long rowsWritten,
      long rowsQuarantined, long reportedTotal, Cursor watermarkBefore, Cursor watermarkAfter, Instant startedAt,
      Instant endedAt, String operator, String host) {}
}
