package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.TableId;
import io.tributary.core.ChunkOutcome;
import io.tributary.core.Cursor;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.SystemColumns;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import io.tributary.sink.CursorJson;
import io.tributary.sink.RefusedRow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Loads one stream into BigQuery with one load job and one query job per run, never one per chunk (a table allows
 * about 1,500 load jobs a day). Each chunk is spooled to local disk and committed with its position in the spool
 * manifest when the chunk transaction commits ({@link BigQueryChunks}). {@link #finish()} uploads every spooled chunk
 * to the staging table in one load job, then one multi-statement transaction publishes the rows and upserts
 * {@code _tributary_state} with the spool id. That state row is the one truth of what this job instance has
 * published: a spool whose id it names was published (whatever the job repository says) and is started over at open,
 * and a replace empties the target only in the instance's first publish. Each chunk and the publish first check this
 * writer's claim on that row ({@link BigQueryStateClaim}): a run that another run took over spools and publishes
 * nothing more. Used by the step thread only.
 */
final class BigQueryTableWriter implements TableWriter {

  private final BigQueryJobs jobs;
  private final BigQueryChunks chunks;
  private final TableSpec spec;
  private final BigQueryTableLayout layout;
  private final BigQuerySpool spool;
  private final BigQueryRowEncoder encoder;
  private final BigQueryPublish publish;
  private final TableId staging;
  private final TableId quarantineStaging;
  private final Runnable dropStaging;
  private final BigQueryCommittedRows committedRows;
  private final BigQueryStateClaim claim;
  private int chunkNo;

  /** This writer's staging tables (named after its claim) and how to drop them. */
  record Staging(TableId rows, TableId quarantine, Runnable drop) {}

  BigQueryTableWriter(BigQueryJobs jobs, BigQueryChunks chunks, TableSpec spec, BigQueryTableLayout layout,
      BigQuerySpool spool, Staging staging, BigQueryCommittedRows committedRows, BigQueryStateClaim claim) {
    this.jobs = jobs;
    this.chunks = chunks;
    this.spec = spec;
    this.layout = layout;
    this.spool = spool;
    this.encoder = new BigQueryRowEncoder(layout, spec.run());
    this.staging = staging.rows();
    this.quarantineStaging = staging.quarantine();
    this.publish = new BigQueryPublish(layout, qualified(this.staging), qualified(this.quarantineStaging),
        spec.mode());
    this.dropStaging = staging.drop();
    this.committedRows = committedRows;
    this.claim = claim;
    reconcileSpool();
    this.chunkNo = spool.committed().chunks().size() + spool.committed().quarantine().size();
  }

  /**
   * A spool the warehouse already published (the publish committed, then the process died or the clean-up failed)
   * must not take new chunks under the same id: {@link #finish()} would take the id as done and never publish them.
   */
  private void reconcileSpool() {
    if (!spool.hasCommittedChunks()) {
      return;
    }
    Optional<PublishedState> published = publishedState();
    if (published.isPresent() && published.get().spoolId.equals(spool.committed().spoolId())) {
      spool.startOver();
    }
  }

  /**
   * The spool's position when this job instance spooled chunks here; else the position the warehouse recorded for it
   * at publish; else the start of the run — never the ExecutionContext's copy, whose rows may be in a lost spool.
   */
  @Override
  public Optional<Cursor> committedPosition() {
    if (spool.hasCommittedChunks()) {
      return Optional.of(spool.committed().cursor());
    }
    return Optional.of(publishedState().map(s -> s.position).orElse(Cursor.START));
  }

  @Override
  public void write(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    load(rows, quarantined, position);
  }

  /** Before the publish: the target must still hold every row this job's publishes inserted into it. */
  @Override
  public void verifyCommittedRows() {
    if (BigQueryCommittedRows.checked(spec, publishedState().isPresent())) {
      committedRows.verify();
    }
  }

  /**
   * Rows the encoder refuses (a value BigQuery cannot hold exactly) go to the quarantine and are counted there. A
   * chunk of a writer whose claim was taken over fails before it is spooled: a run that lost its run lock stops.
   */
  @Override
  public ChunkOutcome load(List<Row> rows, List<QuarantinedRecord> quarantined, Cursor position) {
    claim.require();
    List<RefusedRow> refused = new ArrayList<>(0);
    List<QuarantinedRecord> bad = quarantined;
    String chunk = null;
    String q = null;
    long firstSeq = spool.committed().nextSeq();
    try {
      if (!rows.isEmpty()) {
        chunk = String.format("chunk-%06d-%s.ndjson.gz", ++chunkNo, claim.tag());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(spool.file(chunk)), 1 << 16)) {
          encoder.writeRows(out, rows, firstSeq, (i, reason) -> refused.add(new RefusedRow(i, reason)));
        }
        bad = RefusedRow.quarantine(quarantined, refused, rows, spec.schema());
      }
      if (!bad.isEmpty()) {
        q = String.format("quarantine-%06d-%s.ndjson.gz", ++chunkNo, claim.tag());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(spool.file(q)))) {
          encoder.writeQuarantine(out, spec.stream(), bad);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool a chunk of stream " + spec.stream(), e);
    }
    BigQuerySpool.Manifest next = spool.next(position, rows.size(), chunk, q);
    List<String> files = new ArrayList<>(2);
    if (chunk != null) {
      files.add(chunk);
    }
    if (q != null) {
      files.add(q);
    }
    chunks.enlist(spool, next, files);
    return new ChunkOutcome(rows.size() - refused.size(), bad.size());
  }

  @Override
  public void finish() {
    BigQuerySpool.Manifest m = spool.committed();
    Optional<PublishedState> published = publishedState();
    if (published.isPresent() && published.get().spoolId.equals(m.spoolId())) {
      // the publishing transaction committed but the clean-up after it did not: it must not run twice
      cleanUp();
      return;
    }
    boolean withRows = !m.chunks().isEmpty();
    boolean withQuarantine = !m.quarantine().isEmpty();
    // The instance's first publish swaps the copy; a restart after it adds what it read to that copy.
    boolean replacing = spec.mode() == WriteMode.REPLACE && published.isEmpty();
    if (!withRows && !withQuarantine && m.position().isEmpty() && !replacing) {
      return;
    }
    QueryJobConfiguration query = publish.query(withRows, withQuarantine, replacing, spec.run().job(), spec.stream(),
        spec.run().instanceId(), CursorJson.write(m.cursor()), m.spoolId(), claim.token());
    String identity = publishIdentity(query, m);
    String doing = "publishing " + spec.stream() + " into " + layout.table();
    // This writer's publish may already run (submitted, then its wait failed): its staging table stays as loaded.
    // Another process's publish has another writer, so another id: the script's claim check refuses the stale one.
    if (!jobs.attempted(identity, doing)) {
      claim.require();
      loadStaging(m);
    }
    try {
      jobs.runOnce(query, identity, doing);
    } catch (RuntimeException e) {
      throw claim.refusedOr(e);
    }
    cleanUp();
  }

  /** One load job for the spooled rows, one for the quarantined records; each only when there are some. */
  private void loadStaging(BigQuerySpool.Manifest m) {
    if (!m.chunks().isEmpty()) {
      jobs.load(staging, stagingSchema(), files(m.chunks()), "loading " + spec.stream() + " into "
          + staging.getTable());
    }
    if (!m.quarantine().isEmpty()) {
      jobs.load(quarantineStaging, BigQueryTableSetup.quarantineSchema(), files(m.quarantine()),
          "loading quarantined records of " + spec.stream());
    }
  }

  /** What one publish does: the script, its parameters and the spooled batch it publishes (never the run id). */
  private String publishIdentity(QueryJobConfiguration query, BigQuerySpool.Manifest m) {
    return String.join("\n", spec.run().job(), spec.stream(), Long.toString(spec.run().instanceId()), m.spoolId(),
        CursorJson.write(m.cursor()), m.chunks().toString(), m.quarantine().toString(), query.getQuery(),
        String.valueOf(new TreeMap<>(query.getNamedParameters())));
  }

  private void cleanUp() {
    dropStaging.run();
    spool.clear();
  }

  Schema stagingSchema() {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < layout.columns().size(); i++) {
      fields.add(Field.of(layout.columns().get(i), BigQueryType.staged(layout.types().get(i))));
    }
    fields.addAll(BigQueryTableSetup.metadataFields());
    fields.add(Field.of(SystemColumns.SEQ, StandardSQLTypeName.INT64));
    return Schema.of(fields);
  }

  private List<Path> files(List<String> names) {
    return names.stream().map(spool::file).toList();
  }

  private record PublishedState(Cursor position, String spoolId) {}

  private Optional<PublishedState> publishedState() {
    QueryJobConfiguration q = BigQueryCommittedRows.stateOf(
        BigQueryTableLayout.qualified(layout.project(), layout.dataset(), SystemTables.STATE), spec.run().job(),
        spec.stream(), spec.run().instanceId());
    for (FieldValueList row : jobs.select(q, "reading the state of stream " + spec.stream())) {
      return Optional.of(new PublishedState(CursorJson.read(row.get("position").getStringValue()),
          row.get("spool_id").getStringValue()));
    }
    return Optional.empty();
  }

  private static String qualified(TableId id) {
    return BigQueryTableLayout.qualified(id.getProject(), id.getDataset(), id.getTable());
  }
}
