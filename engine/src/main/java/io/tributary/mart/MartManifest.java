package io.tributary.mart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a job's last mart build saw: when it ran and the last completed load of each stream. Written by the mart step
 * to {@code <state-dir>/marts/<job>.json} (replaced atomically), read by the catalog for freshness. Readers take it
 * from this file, not from the job repository, because an H2 file repository admits one process and a reader must
 * never keep a run out.
 *
 * @param job the job
 * @param builtAt when the marts were built
 * @param marts the marts built
 * @param loads the last completed load of each stream, by stream
 */
public record MartManifest(String job, Instant builtAt, List<String> marts, Map<String, StreamLoad> loads) {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** One stream's last completed load. */
  public record StreamLoad(Instant loadedAt, long runId, long rowsWritten, long rowsQuarantined) {}

  /** The manifest file of a job. */
  public static Path file(String job) {
    return Path.of(System.getProperty("tributary.state-dir", ".tributary")).resolve("marts").resolve(job + ".json");
  }

  /** The manifest from the job repository's load audit rows (newest run first, as WatermarkStore returns them). */
  public static MartManifest of(String job, List<String> marts, List<Map<String, Object>> audits) {
    Map<String, StreamLoad> loads = new LinkedHashMap<>();
    for (Map<String, Object> row : audits) {
      String stream = String.valueOf(value(row, "stream"));
      Object ended = value(row, "ended_at");
      if (!loads.containsKey(stream) && ended instanceof java.sql.Timestamp t) {
        loads.put(stream, new StreamLoad(t.toInstant(), number(row, "run_id"), number(row, "rows_written"),
            number(row, "rows_quarantined")));
      }
    }
    return new MartManifest(job, Instant.now(), marts, loads);
  }

  /** Writes the manifest through a temporary file and an atomic rename. */
  public void write() {
    Path target = file(job);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(job + ".json.tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw TributaryException.config("cannot write the mart manifest " + target + ": " + e.getMessage(),
          "make the state directory writable");
    }
  }

  /** The job's manifest, if its marts were ever built here. */
  public static Optional<MartManifest> read(String job) {
    Path file = file(job);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), MartManifest.class));
    } catch (IOException e) {
      throw TributaryException.config("cannot read the mart manifest " + file + ": " + e.getMessage(),
          "run the job again to rewrite it");
    }
  }

  private static Object value(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v != null ? v : row.get(column.toUpperCase(Locale.ROOT));
  }

  private static long number(Map<String, Object> row, String column) {
    Object v = value(row, column);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
