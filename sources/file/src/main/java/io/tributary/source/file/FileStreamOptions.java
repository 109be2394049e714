package io.tributary.source.file;

import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.Map;
import java.util.Set;

/**
 * A file stream's {@code options:}: {@code pattern} (glob relative to the drop folder, required), {@code format}
 * ({@code csv} or {@code jsonl}, default from each file's extension), {@code delimiter} (CSV, default {@code ,}) and
 * {@code encoding} (default UTF-8) and {@code load_path} ({@code auto}, the default: a warehouse that can read a CSV
 * file itself does; {@code java}: every record through the engine's mapping).
 */
record FileStreamOptions(String pattern, FileFormat format, char delimiter, Charset encoding, boolean javaPath) {

  private static final Set<String> KEYS = Set.of("pattern", "format", "delimiter", "encoding", "load_path");

  static FileStreamOptions parse(String stream, Map<String, Object> options) {
    Map<String, Object> opts = StreamOptions.known(stream, options, KEYS,
        "a file stream takes pattern, format, delimiter, encoding and load_path");
    String pattern = text(stream, opts, "pattern");
    if (pattern == null) {
      throw TributaryException.config("stream '" + stream + "' has no options.pattern",
          "set options.pattern to a glob of the files to load, for example \"accounts*.csv\"");
    }
    if (pattern.startsWith("/") || pattern.contains("..")) {
      throw TributaryException.config("stream '" + stream + "': pattern '" + pattern + "' leaves the drop folder",
          "write the pattern relative to source.dir, without .. or a leading /");
    }
    FileFormat format = null;
    String formatName = text(stream, opts, "format");
    if (formatName != null) {
      format = FileFormat.named(formatName).orElseThrow(() -> TributaryException.config(
          "stream '" + stream + "': format '" + formatName + "' is not supported", "use csv or jsonl"));
    }
    String delimiter = text(stream, opts, "delimiter");
    if (delimiter != null && delimiter.length() != 1 && !delimiter.equals("\\t")) {
      throw TributaryException.config("stream '" + stream + "': delimiter '" + delimiter + "' is not one character",
          "use a single character such as ; or | (or \\t for tab)");
    }
    char delim = delimiter == null ? ',' : delimiter.equals("\\t") ? '\t' : delimiter.charAt(0);
    String loadPath = text(stream, opts, "load_path");
    if (loadPath != null && !loadPath.equals("auto") && !loadPath.equals("java")) {
      throw TributaryException.config("stream '" + stream + "': load_path '" + loadPath + "' is not auto or java",
          "use load_path: java to map every record in Tributary, or leave it out (auto)");
    }
    return new FileStreamOptions(pattern, format, delim, charset(stream, text(stream, opts, "encoding")),
        "java".equals(loadPath));
  }

  PathMatcher matcher() {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }

  /** The format of one file: the configured one, else the file's extension. */
  FileFormat formatOf(String fileName) {
    if (format != null) {
      return format;
    }
    return FileFormat.ofFileName(fileName).orElseThrow(() -> TributaryException.config(
        "file " + fileName + " has no .csv or .jsonl extension", "set options.format to csv or jsonl"));
  }

  private static Charset charset(String stream, String name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw TributaryException.config("stream '" + stream + "': encoding '" + name + "' is unknown",
          "use a Java charset name such as UTF-8, ISO-8859-1 or windows-1252");
    }
  }

  private static String text(String stream, Map<String, Object> opts, String key) {
    Object v = opts.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isEmpty()) {
      throw TributaryException.config("stream '" + stream + "': option " + key + " must be a non-empty text",
          "quote the value in the job file");
    }
    return s;
  }
}
