package io.tributary.source.file;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.CsvFile;
import io.tributary.core.Cursor;
import io.tributary.core.Identifiers;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import io.tributary.core.TypedOptionsSource;
import io.tributary.core.WholeFileSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Loads CSV and JSON Lines files dropped into one folder. Each stream picks its files with a glob; each file is
 * loaded once, tracked by name, size and content hash in the stream's watermark.
 */
final class FileSource extends TypedOptionsSource<FileStreamOptions> implements WholeFileSource {

  private final java.nio.file.Path dir;
  /** Each file's fingerprint once per run, whichever reader or whole-file step asks (partitions ask from threads). */
  private final Map<FileDrop.DroppedFile, String> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();

  FileSource(java.nio.file.Path dir) {
    super(FileStreamOptions::parse);
    this.dir = dir;
  }

  @Override
  public void check() {
    FileDrop.requireFolder(dir);
  }

  /** One stream per data file in the folder, named after the file, typed from its first records. */
  @Override
  public List<StreamSchema> discover() {
    FileDrop all = new FileDrop(dir, FileStreamOptions.parse("*", Map.of("pattern", "*")));
    List<StreamSchema> streams = new ArrayList<>();
    for (FileDrop.DroppedFile file : all.files()) {
      if (FileFormat.ofFileName(file.name()).isPresent()) {
        String stream = Identifiers.columnName(file.name().replaceFirst("\\.[^.]*$", ""));
        streams.add(schema(stream, file, FileStreamOptions.parse(stream, Map.of("pattern", file.name()))));
      }
    }
    return streams;
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    FileStreamOptions opts = options(stream, options);
    List<FileDrop.DroppedFile> files = new FileDrop(dir, opts).files();
    if (files.isEmpty()) {
      throw TributaryException.config("stream '" + stream + "': no file in " + dir + " matches '"
          + opts.pattern() + "'", "drop a sample file in the folder first, or fix options.pattern");
    }
    return schema(stream, files.get(files.size() - 1), opts);
  }

  @Override
  protected StreamReader open(ReadRequest request, FileStreamOptions opts) {
    return new FileDropReader(request, new FileDrop(dir, opts, fingerprints));
  }

  /**
   * The next pending file when the position is between files and that file is UTF-8 CSV: its header as this
   * source's reader reads it (a header it cannot read fails here, as it would there), and the manifest with it.
   */
  @Override
  public Optional<CsvFile> nextWholeCsv(ReadRequest request, Cursor position) {
    FileStreamOptions opts = options(request.stream(), request.options());
    Cursor from = position == null || position.isStart() ? request.watermark() : position;
    if (opts.javaPath() || from.get(FileDropReader.FILE) != null
        || !StandardCharsets.UTF_8.equals(opts.encoding())) {
      return Optional.empty();
    }
    FileDrop drop = new FileDrop(dir, opts, fingerprints);
    FileManifest manifest = FileManifest.parse(from.get(FileManifest.KEY));
    Optional<FileDrop.DroppedFile> next = drop.files().stream().filter(f -> drop.pending(f, manifest)).findFirst();
    if (next.isEmpty() || opts.formatOf(next.get().name()) != FileFormat.CSV) {
      return Optional.empty();
    }
    FileDrop.DroppedFile file = next.get();
    List<String> header;
    try (RecordFile records = RecordFile.open(file, opts)) {
      header = ((CsvRecordFile) records).header();
    }
    // hashed while the warehouse reads the file; the sink asks for the cursor once it has read it
    CompletableFuture<String> fingerprint = drop.fingerprintSoon(file);
    return Optional.of(new CsvFile(file.path(), file.name(), opts.delimiter(), header, () -> Cursor.of(
        FileManifest.KEY, manifest.with(file.name(), FileDrop.await(fingerprint)).toJson())));
  }

  private static StreamSchema schema(String stream, FileDrop.DroppedFile file, FileStreamOptions opts) {
    try (RecordFile records = RecordFile.open(file, opts)) {
      if (records instanceof CsvRecordFile csv) {
        List<Column> columns = csv.header().stream().map(h -> Column.of(h, ColumnType.STRING)).toList();
        return new StreamSchema(stream, columns, List.of());
      }
      return new StreamSchema(stream, FileSchemaInference.infer(records, opts.formatOf(file.name())), List.of());
    }
  }
}
