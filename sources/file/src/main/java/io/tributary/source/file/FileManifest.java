package io.tributary.source.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.TributaryException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a stream that are completely loaded: name → fingerprint ({@code size:sha256-prefix}). It is the
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

  boolean loaded(String name, String fingerprint) {
    return fingerprint.equals(files.get(name));
  }

  /**
   * Whether a file of this name and size may be the loaded one: a fingerprint starts with the size, so a name the
   * manifest lacks, or holds with another size, is not loaded whatever the content, and needs no hashing to tell.
   */
  boolean mayHold(String name, long size) {
    String fingerprint = files.get(name);
    return fingerprint != null && fingerprint.startsWith(size + ":");
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
