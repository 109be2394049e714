package io.tributary.cli;

import io.tributary.config.JobConfig;
import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.mart.MartBuilder;
import io.tributary.mart.MartFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The datasets of a job, named for OpenLineage: a namespace per system ({@code <type>://<host or file>}, never a
 * credential, a query string or a path inside a URL) and a name per object. Inputs are the source objects each stream
 * reads (its {@code object}, {@code table}, {@code report}... option, else the stream's name); outputs are the raw
 * tables ({@code <schema>.<table>}) and the marts ({@code marts.<mart>}) with the raw tables they read.
 */
final class LineageDatasets {

  /** Options that name what a stream reads, in the order they are looked for. */
  private static final List<String> OBJECT_KEYS = List.of("object", "table", "entity", "report", "resource", "path",
      "query_name", "endpoint");
  /** Block keys that say where a system is. */
  private static final List<String> LOCATION_KEYS = List.of("url", "instance_url", "login_host", "base_url", "host",
      "account", "project", "path", "directory");

  /** A dataset: where and what; a mart's also what it reads. */
  record Dataset(String namespace, String name, String stream, MartColumnLineage reads) {}

  private LineageDatasets() {}

  static List<Dataset> inputs(LoadedJob job) {
    String ns = namespace(job.config().source());
    List<Dataset> out = new ArrayList<>();
    for (StreamConfig s : job.config().streams()) {
      Map<String, Object> options = s.optionsOrEmpty();
      String name = OBJECT_KEYS.stream().filter(k -> options.get(k) instanceof String).map(k -> (String) options.get(k))
          .findFirst().orElse(s.name());
      out.add(new Dataset(ns, name, s.name(), null));
    }
    return out;
  }

  static List<Dataset> outputs(LoadedJob job) {
    JobConfig c = job.config();
    String ns = namespace(c.sink());
    String schema = rawSchema(c.sink());
    List<Dataset> out = new ArrayList<>();
    for (StreamConfig s : c.streams()) {
      out.add(new Dataset(ns, schema + "." + s.tableOrDefault(), s.name(), null));
    }
    if (c.marts() != null && !c.marts().isEmpty()) {
      for (MartFile mart : MartBuilder.load(Path.of(""), c.marts())) {
        out.add(new Dataset(ns, "marts." + mart.name(), null, MartColumnLineage.of(mart.sql())));
      }
    }
    return out;
  }

  static String rawSchema(Map<String, Object> sink) {
    Object schema = sink.getOrDefault("schema", sink.get("dataset"));
    return schema instanceof String s && !s.isBlank() ? s : "raw";
  }

  /** {@code <type>://<authority>} of a source or sink block; a sandbox is {@code <type>://sandbox}. */
  static String namespace(Map<String, Object> block) {
    String type = String.valueOf(block.get("type"));
    if (block.containsKey("sandbox")) {
      return type + "://sandbox";
    }
    for (String key : LOCATION_KEYS) {
      if (block.get(key) instanceof String v && !v.isBlank()) {
        return type + "://" + authority(v);
      }
    }
    return type + "://default";
  }

  private static String authority(String location) {
    String v = location.startsWith("jdbc:") ? location.substring(5) : location;
    try {
      URI uri = URI.create(v);
      if (uri.getHost() != null) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + database(uri.getPath());
      }
    } catch (IllegalArgumentException e) {
      // not a URL: a host name or a file path, used as it is
    }
    return v.replaceFirst("[?;].*$", "");
  }

  private static String database(String path) {
    return path == null || path.isBlank() || path.equals("/") ? "" : "/" + path.replaceFirst("^/", "").split("/")[0];
  }
}
