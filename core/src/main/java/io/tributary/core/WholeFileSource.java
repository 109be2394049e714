package io.tributary.core;

import java.util.Optional;

/**
 * A {@link Source} whose streams are files a warehouse can read itself (file drops). The engine asks it once per
 * file, on the step thread, between files; a file it does not offer is read through {@link StreamReader} pages as
 * usual. The source still owns no state: the file's {@link CsvFile#after} cursor is what the engine commits.
 */
public interface WholeFileSource {

  /**
   * The next file the stream would read from {@code position}, when it can be handed over whole: the position is
   * between files (not inside one), the file is CSV in UTF-8, and the stream does not ask for the Java reader.
   * Empty when nothing is pending or the next file must be read through pages.
   *
   * @param position the committed position, or {@link Cursor#START} for the request's watermark
   */
  Optional<CsvFile> nextWholeCsv(ReadRequest request, Cursor position);
}
