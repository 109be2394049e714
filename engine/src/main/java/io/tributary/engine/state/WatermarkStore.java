package io.tributary.engine.state;

import io.tributary.core.Cursor;
import io.tributary.core.TributaryException;
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

  /**
   * Advances the stream's watermark for the job execution {@code runId}, fenced by the job repository itself: refused
   * when a later execution of the job exists. Executions are created only under the job's run lock, so a later one
   * means this run lost the lock and another took the job over; its late watermark (after a GC pause, say) would move
   * the job back over rows the later runs loaded, and an append stream would load them again.
   *
   * @throws TributaryException (exit 1) when the run was overtaken: nothing is written
   */
  public void put(String job, String stream, Cursor watermark, long runId) {
    String value = CursorCodec.encode(watermark);
    Timestamp now = Timestamp.from(Instant.now());
    int updated = jdbc.update("UPDATE tributary_watermark SET watermark = ?, run_id = ?, updated_at = ?"
        + " WHERE job_name = ? AND stream = ? AND " + NOT_OVERTAKEN, value, runId, now, job, stream, job, runId);
    if (updated == 0) {
      updated = jdbc.update("INSERT INTO tributary_watermark (job_name, stream, watermark, run_id, updated_at)"
          + " SELECT ?, ?, ?, ?, ? FROM (SELECT 1 AS one) one WHERE " + NOT_OVERTAKEN
          + " AND NOT EXISTS (SELECT 1 FROM tributary_watermark WHERE job_name = ? AND stream = ?)",
          job, stream, value, runId, now, job, runId, job, stream);
    }
    if (updated == 0) {
      throw new TributaryException(TributaryException.Kind.TRANSIENT, "run " + runId + " of job '" + job
          + "' was taken over by a later run while it finished stream '" + stream + "' (it lost its run lock): its"
          + " watermark is not written, so the job's later runs keep theirs",
          "nothing to undo: the later run carries on, and the next run resumes after the last committed chunk",
          null);
    }
  }

  /** No execution of the job (bound 1) later than the execution (bound 2) exists in the job repository. */
  private static final String NOT_OVERTAKEN = "NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
      + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.JOB_EXECUTION_ID > ?)";

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
