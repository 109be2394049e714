package io.tributary.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole dropped CSV file a warehouse may read itself ({@link WholeFileSource}): RFC 4180 quoting with {@code "},
 * UTF-8, a header row, and the cursor that marks it consumed.
 *
 * @param path the file to read
 * @param name the file's name as the source's cursors and messages name it
 * @param delimiter the field delimiter
 * @param header the header row's names, in file order, as the source's reader reports them
 * @param after the stream's cursor once the whole file is loaded; also the watermark so far
 */
public record CsvFile(Path path, String name, char delimiter, List<String> header, Cursor after) {

  public CsvFile {
    header = List.copyOf(header);
  }
}
