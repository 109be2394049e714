package io.tributary.sink.bigquery;

import com.google.auth.Credentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableId;
import io.tributary.core.ChunkTransaction;
import io.tributary.core.Identifiers;
import io.tributary.core.JobContext;
import io.tributary.core.Sink;
import io.tributary.core.SystemTables;
import io.tributary.core.TableSpec;
import io.tributary.core.TableWriter;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import io.tributary.sink.StateRowFence;
import io.tributary.sink.TableSpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A BigQuery warehouse: raw tables, {@link SystemTables#STATE} and {@link SystemTables#QUARANTINE} in the configured
 * dataset, marts in {@code marts}. BigQuery has no transaction a chunk can join, so chunk transactions commit the
 * local spool ({@link BigQueryChunks}) and a run publishes once (see {@link BigQueryTableWriter}); the client is built
 * on first use, after the credentials resolve.
 */
public final class BigQuerySink implements Sink {

  private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9.:-]{3,61}[a-z0-9]");
  private static final String MARTS = "marts";

  private final BigQuerySinkConfig config;
  private final String dataset;
  private final Path spoolRoot;
  private final BigQueryErrors errors;
  private final BigQueryChunks chunks = new BigQueryChunks();
  private BigQuery bigquery;

  public BigQuerySink(BigQuerySinkConfig config, JobContext context) {
    if (!PROJECT.matcher(config.project()).matches()) {
      throw TributaryException.config("sink.project '" + config.project() + "' is not a Google Cloud project id",
          "use the project id (lower case letters, digits, hyphens), not its name or number");
    }
    this.config = config;
    this.dataset = Identifiers.require(config.dataset(), "sink.dataset");
    this.spoolRoot = config.spoolDir() != null ? context.resolve(config.spoolDir())
        : context.baseDir().resolve(".tributary/spool/bigquery");
    this.errors = new BigQueryErrors(config.project(), dataset);
  }

  private synchronized BigQuery client() {
    if (bigquery == null) {
      Credentials credentials = BigQueryClientFactory.credentials(config);
      bigquery = BigQueryClientFactory.create(config, credentials);
    }
    return bigquery;
  }

  /** Resolves the credentials first, then reads the dataset (or proves the project is reachable if it is missing). */
  @Override
  public void check() {
    BigQuery bq = client();
    try {
      if (bq.getDataset(DatasetId.of(config.project(), dataset)) == null) {
        // the run creates it; reading the project's datasets proves the credentials and project are right
        bq.listDatasets(config.project(), BigQuery.DatasetListOption.pageSize(1));
      }
    } catch (BigQueryException e) {
      throw errors.at(e, "checking dataset " + config.project() + "." + dataset);
    }
  }

  @Override
  public ChunkTransaction beginChunk() {
    return chunks.begin();
  }

  @Override
  public TableWriter open(TableSpec spec) {
    // BigQuery compares column names in any case (BigQuery docs, "Column names")
    String table = TableSpecs.validate(spec, name -> name.toLowerCase(Locale.ROOT));
    BigQuery bq = client();
    BigQueryJobs jobs = new BigQueryJobs(bq, errors, config.location(), "tributary_" + jobIdSafe(spec.run().job()));
    BigQueryTableSetup setup = new BigQueryTableSetup(bq, jobs, config.project(), dataset, config.location());
    try {
      setup.ensureDatasetAndBookkeeping();
      // claimed before the state is read: a writer that opened the stream before (a run that lost its run lock)
      // publishes nothing from now on, and this one resumes from the state as it is after the claim
      BigQueryStateClaim claim = new BigQueryStateClaim(jobs, BigQueryTableLayout.qualified(config.project(), dataset,
          SystemTables.STATE), spec.run().job(), spec.stream(), StateRowFence.newToken(spec.run()));
      claim.claim();
      BigQueryCommittedRows committed = new BigQueryCommittedRows(bq, jobs,
          TableId.of(config.project(), dataset, table), spec.run().job());
      committed.stateOwner(spec.stream()).ifPresent(spec::requireStateOfThisRepository);
      boolean instanceHasState = committed.instanceHasState(spec.stream(), spec.run().instanceId());
      if (BigQueryCommittedRows.checked(spec, instanceHasState)) {
        // before a restart resumes or a run reads on from the watermark; before the setup below, which would
        // recreate a dropped target
        committed.verify();
      }
      BigQueryTableLayout layout = setup.ensureTarget(table, spec.schema(),
          spec.mode() == WriteMode.APPEND ? List.of() : spec.schema().primaryKey(), config.optionsFor(table));
      if (spec.fullRefresh() && !instanceHasState && spec.mode() != WriteMode.REPLACE) {
        committed.rebaseline(spec.stream(), spec.run().instanceId(), "{}", claim.token());
      }
      BigQuerySpool spool = new BigQuerySpool(spoolRoot.resolve(jobIdSafe(spec.run().job()))
          .resolve(jobIdSafe(spec.stream())), spec.run().instanceId());
      // Each writer loads staging tables of its own (WRITE_TRUNCATE): a stale run's load never replaces the rows the
      // run that took over staged between its load and its publish.
      String own = partSuffix(spec.stream()) + "-w" + claim.tag();
      TableId staging = TableId.of(config.project(), dataset, SystemTables.STAGING_PREFIX + table + own);
      TableId quarantineStaging = TableId.of(config.project(), dataset, SystemTables.working("stgq_") + table + own);
      Runnable drop = () -> {
        try {
          bq.delete(staging);
          bq.delete(quarantineStaging);
        } catch (BigQueryException e) {
          throw errors.at(e, "dropping the staging tables " + staging.getTable() + " and "
              + quarantineStaging.getTable() + " of " + table);
        }
      };
      return new BigQueryTableWriter(jobs, chunks, spec, layout, spool, new BigQueryTableWriter.Staging(staging,
          quarantineStaging, drop), committed, claim);
    } catch (BigQueryException e) {
      throw errors.at(e, "preparing table " + dataset + "." + table);
    }
  }

  @Override
  public void executeMartStatement(String statement) {
    BigQuery bq = client();
    BigQueryJobs jobs = new BigQueryJobs(bq, errors, config.location(), "tributary_mart");
    try {
      if (bq.getDataset(DatasetId.of(config.project(), MARTS)) == null) {
        bq.create(com.google.cloud.bigquery.DatasetInfo.newBuilder(config.project(), MARTS)
            .setLocation(config.location()).build());
      }
    } catch (BigQueryException e) {
      throw errors.at(e, "creating dataset " + MARTS);
    }
    jobs.run(QueryJobConfiguration.newBuilder(statement).setDefaultDataset(DatasetId.of(config.project(), dataset))
        .build(), "running a mart statement");
  }

  @Override
  public String rawSchema() {
    return dataset;
  }

  /**
   * A part of a partitioned stream (state key {@code <stream>#<part>}) loads its own staging tables, so parts that
   * load concurrently (each load job truncates its destination) never replace each other's rows. A dash is legal in a
   * BigQuery table name and in no validated one, so the names never collide.
   */
  static String partSuffix(String stateKey) {
    int part = stateKey.indexOf('#');
    return part < 0 ? "" : "-" + jobIdSafe(stateKey.substring(part + 1));
  }

  private static String jobIdSafe(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
