package io.tributary.source.file;

import io.tributary.core.TributaryException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.util.Map;

/**
 * One open data file, read record by record. {@link #count()} is the number of records consumed so far (CSV
 * records, not lines, since quoted values may span lines; JSONL lines, blank ones included), so a reader can resume
 * inside a file by skipping that many. A record that cannot be parsed comes back as {@code _raw} + {@code _error}
 * fields for the engine to quarantine.
 */
interface RecordFile extends AutoCloseable {

  /** Field holding the unparsed text of a malformed record. */
  String RAW = "_raw";
  /** Field holding why the record could not be parsed, with file and line. */
  String ERROR = "_error";

  /** The next record's fields, or null at the end of the file. */
  Map<String, Object> next();

  long count();

  @Override
  void close();

  static RecordFile open(FileDrop.DroppedFile file, FileStreamOptions options) {
    Reader reader = reader(file, options);
    return switch (options.formatOf(file.name())) {
      case CSV -> new CsvRecordFile(file.name(), reader, options.delimiter());
      case JSONL -> new JsonlRecordFile(file.name(), new BufferedReader(reader));
    };
  }

  /** A strict decoder (bad bytes fail, naming the encoding) that drops a leading byte-order mark. */
  private static Reader reader(FileDrop.DroppedFile file, FileStreamOptions options) {
    try {
      var decoder = options.encoding().newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      PushbackReader in = new PushbackReader(
          new BufferedReader(new InputStreamReader(Files.newInputStream(file.path()), decoder), 64 * 1024));
      int first = in.read();
      if (first != -1 && first != '\uFEFF') {
        in.unread(first);
      }
      return in;
    } catch (CharacterCodingException e) {
      throw unreadable(file.name(), 1, "it is not valid " + options.encoding().name(), "set options.encoding");
    } catch (IOException e) {
      throw TributaryException.transientFailure("cannot open " + file.path() + ": " + e.getMessage(), e);
    }
  }

  static TributaryException unreadable(String file, long line, String why, String fix) {
    return TributaryException.config("file " + file + " is unreadable at line " + line + ": " + why, fix);
  }

  /** Closes what a record file reads from; a failed close loses nothing, the file having only been read. */
  static void closeQuietly(Closeable input) {
    try {
      input.close();
    } catch (IOException ignored) {
      // nothing was written; a failure being reported at the time is the one worth reporting
    }
  }
}
