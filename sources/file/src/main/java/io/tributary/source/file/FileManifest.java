package io.tributary.source.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.TributaryException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a stream that are completely loaded: name → fingerprint ({@code size:c<crc32c><crc32>}, or
 * {@code size:<sha256-prefix>} from before 2026-12-08; {@link FileDrop#matches} reads both). It is the
 * stream's watermark, kept in a cursor as compact JSON with names sorted, so equal manifests have equal text.
 */
final class FileManifest {

  static final String KEY = "manifest";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TreeMap<String, String> files;
  /** Every record's cursor carries the manifest: rendered once, not once per record. */
  private String json;

  private FileManifest(Map<String, String> files) {
    this.files = new TreeMap<>(files);
  }

  static FileManifest empty() {
    return new FileManifest(Map.of());
  }

  static FileManifest parse(String json) {
    if (json == null || json.isBlank()) {
      return empty();
    }
    try {
      return new FileManifest(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw TributaryException.config("the saved file manifest is not valid JSON",
          "run once with --full-refresh to reload the drop folder");
    }
  }

  /** The fingerprint of the loaded file of this name, or null. */
  String fingerprintOf(String name) {
    return files.get(name);
  }

  FileManifest with(String name, String fingerprint) {
    TreeMap<String, String> m = new TreeMap<>(files);
    m.put(name, fingerprint);
    return new FileManifest(m);
  }

  int size() {
    return files.size();
  }

  String toJson() {
    if (json == null) {
      try {
        json = JSON.writeValueAsString(files);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a map of strings always serializes", e);
      }
    }
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileManifest m && m.files.equals(files);
  }

  @Override
  public int hashCode() {
    return files.hashCode();
  }
}
