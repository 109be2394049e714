package io.tributary.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.Durations;
import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import io.tributary.core.RunInfo;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.mapping.RecordMapper;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one stream's step needs while it runs: built in {@link StreamStepListener#beforeStep} (discovery,
 * mapping, table creation) and shared by its reader, processor and writer on the step thread.
 */
final class StreamStepContext {

  private static final Logger LOG = LoggerFactory.getLogger(StreamStepContext.class);

  private final String job;
  private final StreamConfig stream;
  private final Source source;
  private final Sink sink;
  private final RunOptions options;
  private final StreamProgress progress;
  private final ObjectMapper json;
  private final byte[] piiKey;
  private RecordMapper mapper;
  private TableWriter writer;
  private ReadRequest readRequest;
  private Cursor watermarkBefore;
  private Instant startedAt;
  private long runId;

  StreamStepContext(String job, StreamConfig stream, Source source, Sink sink, RunOptions options,
      StreamProgress progress, ObjectMapper json, byte[] piiKey) {
    this.piiKey = piiKey;
    this.job = job;
    this.stream = stream;
    this.source = source;
    this.sink = sink;
    this.options = options;
    this.progress = progress;
    this.json = json;
  }

  /** Discovers the stream, compiles its mapping and opens (creates or evolves) its table. */
  void begin(long instanceId, long runId, Instant extractedAt, Cursor watermark, int chunkSize) {
    this.startedAt = Instant.now();
    this.runId = runId;
    this.watermarkBefore = watermark;
    StreamSchema discovered = source.discover(stream.name(), stream.optionsOrEmpty());
    mapper = RecordMapper.compile(stream, discovered, json, piiKey);
    TableSpec spec = new TableSpec(stream.name(), stream.tableOrDefault(), mapper.outputSchema(),
        stream.modeOrDefault(), new RunInfo(job, instanceId, runId, extractedAt));
    writer = sink.open(spec);
    int pageSize = stream.pageSize() != null ? stream.pageSize() : chunkSize;
    readRequest = new ReadRequest(stream.name(), stream.optionsOrEmpty(), stream.primaryKeyOrEmpty(),
        stream.cursorOrEmpty(), watermark, Durations.parse(stream.lookback()), pageSize);
    progress.start();
  }

  void log(String message) {
    LOG.info("[{}/{}] {}", job, stream.name(), message);
  }

  String job() {
    return job;
  }

  StreamConfig stream() {
    return stream;
  }

  Source source() {
    return source;
  }

  RunOptions options() {
    return options;
  }

  StreamProgress progress() {
    return progress;
  }

  RecordMapper mapper() {
    return mapper;
  }

  TableWriter writer() {
    return writer;
  }

  ReadRequest readRequest() {
    return readRequest;
  }

  Cursor watermarkBefore() {
    return watermarkBefore;
  }

  Instant startedAt() {
    return startedAt;
  }

  long runId() {
    return runId;
  }

  void closeWriter() {
    if (writer != null) {
      writer.close();
    }
  }
}
