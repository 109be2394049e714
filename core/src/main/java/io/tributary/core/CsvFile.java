package io.tributary.core;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A whole dropped CSV file a warehouse may read itself ({@link WholeFileSource}): RFC 4180 quoting with {@code "},
 * UTF-8, a header row, and the cursor that marks it consumed.
 *
 * @param path the file to read
 * @param name the file's name as the source's cursors and messages name it
 * @param delimiter the field delimiter
 * @param header the header row's names, in file order, as the source's reader reports them
 * @param position the stream's cursor once the whole file is loaded, read through {@link #after()}
 */
public record CsvFile(Path path, String name, char delimiter, List<String> header, Supplier<Cursor> position) {

  public CsvFile {
    header = List.copyOf(header);
    position = once(position);
  }

  /**
   * The stream's cursor once the whole file is loaded; also the watermark so far. The source may still be computing
   * it (the file's fingerprint, while the warehouse reads the file), so a sink asks for it after reading the file,
   * and the call may block until it is ready; a failure to compute it is thrown here.
   */
  public Cursor after() {
    return position.get();
  }

  private static Supplier<Cursor> once(Supplier<Cursor> supplier) {
    if (supplier instanceof Once) {
      return supplier;
    }
    return new Once(supplier);
  }

  /** Computes the cursor on the first call and keeps it. */
  private static final class Once implements Supplier<Cursor> {
    private final Supplier<Cursor> supplier;
    private volatile Cursor value;

    Once(Supplier<Cursor> supplier) {
      this.supplier = supplier;
    }

    @Override
    public Cursor get() {
      Cursor v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = supplier.get();
            value = v;
          }
        }
      }
      return v;
    }
  }
}
