package io.tributary.source.file;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads each dropped file of a stream once. The cursor is {@code {manifest}} between files and
 * {@code {file, record, fingerprint, manifest}} inside one; the manifest names the files completely read, so a page's
 * watermark is the manifest and a file whose name, size and hash are in it is skipped. Keeps the current file open
 * between calls when the cursor continues where it stopped; any other cursor reopens the file and skips records, unless
 * the file's fingerprint is no longer the cursor's: then the version it counted is gone, and the file is read from
 * its first record once it is due (as any file not in the manifest). A cursor saved without a fingerprint (before it
 * was kept) resumes by count.
 */
final class FileDropReader implements StreamReader {

  static final String FILE = "file";
  static final String RECORD = "record";
  /** The fingerprint of the file version that {@link #RECORD} counts records of. */
  static final String FINGERPRINT = "fingerprint";

  private final ReadRequest request;
  private final FileDrop drop;
  private OpenFile current;

  private record OpenFile(FileDrop.DroppedFile file, String fingerprint, RecordFile records) {}

  FileDropReader(ReadRequest request, FileDrop drop) {
    this.request = request;
    this.drop = drop;
  }

  @Override
  public Page read(Cursor cursor) {
    Cursor from = cursor == null || cursor.isStart() ? request.watermark() : cursor;
    FileManifest manifest = FileManifest.parse(from.get(FileManifest.KEY));
    FileManifest before = manifest;
    String inFile = from.get(FILE);
    long skip = inFile == null ? 0 : parseRecord(from.get(RECORD));
    String version = inFile == null ? null : from.get(FINGERPRINT);
    int pageSize = Math.max(1, request.pageSize());
    List<SourceRecord> records = new ArrayList<>();
    while (records.size() < pageSize) {
      if (current == null || !continues(inFile, skip, version)) {
        closeCurrent();
        Optional<FileDrop.DroppedFile> next = inFile != null ? find(inFile, version) : pending(manifest);
        if (next.isEmpty()) {
          inFile = null;
          skip = 0;
          version = null;
          if (pending(manifest).isEmpty()) {
            break;
          }
          continue;
        }
        current = open(next.get(), skip);
        inFile = current.file().name();
        version = current.fingerprint();
      }
      Map<String, Object> fields = current.records().next();
      if (fields == null) {
        manifest = manifest.with(inFile, current.fingerprint());
        closeCurrent();
        inFile = null;
        skip = 0;
        version = null;
        continue;
      }
      skip = current.records().count();
      records.add(SourceRecord.at(fields, position(inFile, skip, version, manifest)));
    }
    Cursor watermark = manifest.equals(before) ? null : Cursor.of(FileManifest.KEY, manifest.toJson());
    if (current == null && pending(manifest).isEmpty()) {
      closeCurrent();
      return Page.last(records, Cursor.of(FileManifest.KEY, manifest.toJson()));
    }
    Cursor next = current == null
        ? Cursor.of(FileManifest.KEY, manifest.toJson())
        : position(inFile, skip, version, manifest);
    return Page.more(records, next, watermark);
  }

  private static Cursor position(String file, long record, String fingerprint, FileManifest manifest) {
    Map<String, String> m = new LinkedHashMap<>(4);
    m.put(FILE, file);
    m.put(RECORD, Long.toString(record));
    m.put(FINGERPRINT, fingerprint);
    m.put(FileManifest.KEY, manifest.toJson());
    return new Cursor(m);
  }

  private Optional<FileDrop.DroppedFile> pending(FileManifest manifest) {
    return drop.files().stream().filter(f -> drop.pending(f, manifest)).findFirst();
  }

  /** Whether the open file is the one the cursor stopped in, at the record it stopped at. */
  private boolean continues(String file, long record, String fingerprint) {
    return current.file().name().equals(file) && current.records().count() == record
        && (fingerprint == null || fingerprint.equals(current.fingerprint())
            || drop.matches(current.file(), fingerprint));
  }

  /**
   * The file a cursor stopped in, if it still holds the version the cursor counted records of. Gone (deleted or
   * renamed since) means there is nothing left of it to read; rewritten under the same name means the count is of
   * other records, so the new version is read from its start when it is due, like any file not in the manifest.
   * A cursor without a fingerprint cannot tell: it resumes by count.
   */
  private Optional<FileDrop.DroppedFile> find(String name, String fingerprint) {
    return drop.files().stream().filter(f -> f.name().equals(name))
        .filter(f -> fingerprint == null || drop.matches(f, fingerprint))
        .findFirst();
  }

  private OpenFile open(FileDrop.DroppedFile file, long skip) {
    String fingerprint = drop.fingerprint(file);
    RecordFile records = drop.open(file);
    while (records.count() < skip) {
      if (records.next() == null) {
        break; // the file shrank since the cursor was saved: it is read to its end
      }
    }
    return new OpenFile(file, fingerprint, records);
  }

  private long parseRecord(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw TributaryException.config("stream '" + request.stream() + "': the saved cursor has record '" + text
          + "', not a number", "run once with --full-refresh");
    }
  }

  private void closeCurrent() {
    if (current != null) {
      current.records().close();
      current = null;
    }
  }

  @Override
  public void close() {
    closeCurrent();
  }
}
