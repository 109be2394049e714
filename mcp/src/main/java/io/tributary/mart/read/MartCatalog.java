package io.tributary.mart.read;

import io.tributary.config.LoadedJob;
import io.tributary.mart.MartColumn;
import io.tributary.mart.MartDeclaration;
import io.tributary.mart.MartDictionary;
import io.tributary.mart.MartManifest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of a job's marts: the dictionary's declarations, the row counts readers see now, and freshness (the
 * last completed load of each input stream from the job's mart manifest, and whether the oldest is past the mart's
 * staleness limit). Values are JSON-ready maps, the same for {@code ./tributary marts --json} and the MCP tools.
 */
public record MartCatalog(LoadedJob job, MartWarehouse warehouse, Clock clock) {

  /** The declarations of the job's marts. */
  public List<MartDeclaration> declarations() {
    return MartDictionary.forJob(Path.of("").toAbsolutePath(), job.config().martsOrEmpty());
  }

  /** One entry per declared mart, in build order. */
  public List<Map<String, Object>> entries() {
    List<String> visible = warehouse.marts();
    Optional<MartManifest> manifest = MartManifest.read(job.name());
    List<Map<String, Object>> out = new ArrayList<>();
    for (MartDeclaration d : declarations()) {
      out.add(entry(d, visible.contains(d.name()), manifest));
    }
    return out;
  }

  /** The entry of one mart, or empty when the job declares no such mart. */
  public Optional<Map<String, Object>> entry(String mart) {
    return declarations().stream().filter(d -> d.name().equals(mart)).findFirst()
        .map(d -> entry(d, warehouse.marts().contains(d.name()), MartManifest.read(job.name())));
  }

  private Map<String, Object> entry(MartDeclaration d, boolean visible, Optional<MartManifest> manifest) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("name", d.name());
    e.put("table", "marts." + d.name());
    e.put("family", d.family());
    e.put("description", d.description());
    e.put("grain", d.grain());
    e.put("row_count", visible ? rowCount(d.name()) : null);
    e.put("columns", d.columns().stream().map(MartCatalog::column).toList());
    e.put("freshness", freshness(d, manifest));
    return e;
  }

  private Long rowCount(String mart) {
    Object n = warehouse.query(MartQuery.of("SELECT COUNT(*) AS n FROM marts." + mart)).rows().get(0).get("n");
    return ((Number) n).longValue();
  }

  private static Map<String, Object> column(MartColumn c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("type", c.type());
    m.put("description", c.description());
    m.put("unit", c.unit());
    m.put("pii", c.pii());
    return m;
  }

  private Map<String, Object> freshness(MartDeclaration d, Optional<MartManifest> manifest) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("staleness_limit_hours", d.stalenessLimit().toMinutes() / 60.0);
    f.put("built_at", manifest.map(m -> m.builtAt().toString()).orElse(null));
    List<Map<String, Object>> inputs = new ArrayList<>();
    Instant oldest = null;
    boolean missing = manifest.isEmpty();
    for (String stream : d.inputs()) {
      MartManifest.StreamLoad load = manifest.map(m -> m.loads().get(stream)).orElse(null);
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("stream", stream);
      i.put("last_loaded_at", load == null ? null : load.loadedAt().toString());
      i.put("rows_quarantined", load == null ? null : load.rowsQuarantined());
      inputs.add(i);
      if (load == null) {
        missing = true;
      } else if (oldest == null || load.loadedAt().isBefore(oldest)) {
        oldest = load.loadedAt();
      }
    }
    f.put("inputs", inputs);
    Duration age = oldest == null ? null : Duration.between(oldest, clock.instant());
    f.put("oldest_input_age_hours", age == null ? null : Math.round(age.toMinutes() / 6.0) / 10.0);
    f.put("stale", missing || age.compareTo(d.stalenessLimit()) > 0);
    return f;
  }
}
