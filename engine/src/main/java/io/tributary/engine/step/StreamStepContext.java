package io.tributary.engine.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Durations;
import io.tributary.config.StreamConfig;
import io.tributary.core.Cursor;
import io.tributary.core.ReadRequest;
import io.tributary.core.RowEncoding;
import io.tributary.core.RunInfo;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.engine.state.CursorCodec;
import io.tributary.engine.state.WatermarkStore;
import io.tributary.mapping.MappedItem;
import io.tributary.mapping.RecordMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Everything one stream's step needs while it runs: built in {@link StreamStepListener#beforeStep} (discovery,
 * mapping, table creation) and shared by its reader, processor and writer on the step thread.
 */
public final class StreamStepContext {

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
  private String partition;
  private boolean passedThrough;

  public StreamStepContext(String job, StreamConfig stream, Source source, Sink sink, RunOptions options,
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

  /**
   * Discovers the stream, compiles its mapping and opens (creates or evolves) its table, for a read from the stored
   * watermark, which it returns: {@link Cursor#START} with {@code --full-refresh}, and always for {@code replace},
   * whose table is a fresh full copy each run (a read from the watermark would swap in only what changed).
   */
  public Cursor begin(JobExecution job, WatermarkStore watermarks, int chunkSize) {
    boolean fromStart = options.fullRefresh() || stream.modeOrDefault() == io.tributary.core.WriteMode.REPLACE;
    Cursor watermark = fromStart ? Cursor.START : watermarks.get(this.job, stream.name());
    begin(instanceKey(job), job.getId(), extractedAt(job), watermark, chunkSize, null, Map.of());
    progress.start();
    return watermark;
  }

  /**
   * Like {@link #begin(JobExecution, WatermarkStore, int)} for one part of a partitioned stream, reading from the
   * watermark the manager chose: the sink keeps its resume position under {@code <stream>#<partition>} and the reader
   * reads only {@code bounds}. The table was already opened once by the manager step, so this open only finds it.
   */
  public void beginPartition(JobExecution job, Cursor watermark, int chunkSize, String partition,
      Map<String, String> bounds) {
    begin(instanceKey(job), job.getId(), extractedAt(job), watermark, chunkSize, partition,
        bounds);
  }

  /**
   * Finishes a completed stream in the job repository: advances its watermark to {@code after} (kept when null),
   * writes its audit row with {@code operatorHost}, and marks it done.
   */
  public void complete(WatermarkStore watermarks, Cursor after, String operatorHost) {
    if (after != null) {
      watermarks.put(job, stream.name(), after, runId);
    }
    Cursor reached = after == null ? watermarkBefore : after;
    progress.watermark(CursorCodec.encode(reached));
    watermarks.audit(new WatermarkStore.LoadAudit(job, runId, stream.name(), progress.read(), progress.written(),
        progress.quarantined(), progress.reportedTotal(), watermarkBefore, reached, startedAt, Instant.now(),
        System.getProperty("user.name"), operatorHost));
    progress.end(StreamProgress.State.DONE);
  }

  /**
   * The job instance's key in the warehouse: its id within the job repository whose id the run's parameters carry
   * (0 for an instance started before repositories had ids, which keeps the key its state rows already hold).
   */
  private static long instanceKey(JobExecution job) {
    Long repository = job.getJobParameters().getLong(RunInfo.REPOSITORY_PARAMETER);
    return RunInfo.instanceKey(repository == null ? 0 : repository, job.getJobInstance().getInstanceId());
  }

  /** The run's extraction time: when the job execution started (every stream and part of a run shares it). */
  private static Instant extractedAt(JobExecution job) {
    return job.getStartTime() == null ? Instant.now() : job.getStartTime().toInstant(ZoneOffset.UTC);
  }

  private void begin(long instanceId, long runId, Instant extractedAt, Cursor watermark, int chunkSize,
      String partition, Map<String, String> bounds) {
    this.partition = partition;
    this.startedAt = Instant.now();
    this.runId = runId;
    this.watermarkBefore = watermark;
    StreamSchema discovered = source.discover(stream.name(), stream.optionsOrEmpty());
    mapper = RecordMapper.compile(stream, discovered, json, piiKey);
    String stateKey = partition == null ? stream.name() : stream.name() + "#" + partition;
    TableSpec spec = new TableSpec(stateKey, stream.tableOrDefault(), mapper.outputSchema(),
        stream.modeOrDefault(), new RunInfo(job, instanceId, runId, extractedAt),
        options.fullRefresh() && partition == null);
    writer = sink.open(spec);
    int pageSize = stream.pageSize() != null ? stream.pageSize() : chunkSize;
    readRequest = new ReadRequest(stream.name(), stream.optionsOrEmpty(), stream.primaryKeyOrEmpty(),
        stream.cursorOrEmpty(), watermark, Durations.parse(stream.lookback()), pageSize, bounds)
        .withEncoding(passThrough(discovered));
  }

  /**
   * The sink's row encoding with the source fields its columns are read from, when the writer takes rows encoded and
   * the mapping changes no value: the source may then hand its rows through in that encoding. Null otherwise.
   */
  private RowEncoding passThrough(StreamSchema discovered) {
    Optional<RowEncoding> accepted = writer.rowEncoding();
    if (accepted.isEmpty()) {
      return null;
    }
    return mapper.passThroughFields(discovered)
        .filter(fields -> fields.size() == accepted.get().types().size())
        .map(fields -> accepted.get().withFields(fields))
        .orElse(null);
  }

  /** Maps one record on the step thread; says once per step when records arrive in the sink's own encoding. */
  MappedItem map(SourceItem item) {
    if (!passedThrough && item.record().encoded() != null) {
      passedThrough = true;
      log("rows pass through in the sink's encoding (" + item.record().encoded().format() + "), unmapped");
    }
    return mapper.mapWithPosition(item.record(), item);
  }

  public void log(String message) {
    LOG.info("[{}/{}{}] {}", job, stream.name(), partition == null ? "" : "#" + partition, message);
  }

  Sink sink() {
    return sink;
  }

  String job() {
    return job;
  }

  public StreamConfig stream() {
    return stream;
  }

  Source source() {
    return source;
  }

  RunOptions options() {
    return options;
  }

  public StreamProgress progress() {
    return progress;
  }

  RecordMapper mapper() {
    return mapper;
  }

  public TableWriter writer() {
    return writer;
  }

  public ReadRequest readRequest() {
    return readRequest;
  }

  /**
   * Ends a step whose chunks all committed: runs {@code completion} (publish, advance the watermark, audit), then
   * closes the writer. A failure in it fails the step, its exit status and the stream's progress line.
   */
  public ExitStatus completeStep(StepExecution stepExecution, Runnable completion) {
    try {
      completion.run();
      return stepExecution.getExitStatus();
    } catch (RuntimeException e) {
      stepExecution.setStatus(BatchStatus.FAILED);
      stepExecution.addFailureException(e);
      progress.end(StreamProgress.State.FAILED);
      return ExitStatus.FAILED.addExitDescription(e);
    } finally {
      closeWriter();
    }
  }

  public void closeWriter() {
    if (writer != null) {
      writer.close();
    }
  }
}
