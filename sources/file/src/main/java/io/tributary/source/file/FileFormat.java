package io.tributary.source.file;

import java.util.Locale;
import java.util.Optional;

/** The file formats the file source reads. */
enum FileFormat {
  CSV,
  JSONL;

  static Optional<FileFormat> named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "csv" -> Optional.of(CSV);
      case "jsonl", "ndjson" -> Optional.of(JSONL);
      default -> Optional.empty();
    };
  }

  /** The format a file name's extension implies, if any. */
  static Optional<FileFormat> ofFileName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : named(fileName.substring(dot + 1));
  }
}
