package io.tributary.sink.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.FormatOptions;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatus;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.TableDataWriteChannel;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.bigquery.WriteChannelConfiguration;
import io.tributary.core.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * Runs BigQuery jobs and waits for them: load jobs fed from spooled files through a resumable upload (the file bytes
 * stream through; nothing is buffered whole), and query jobs. A job failed only when {@code status.errorResult} is
 * set (the {@code errors} list alone is not failure); API failures are classified by {@link BigQueryErrors}. A job
 * that must never run twice ({@link #runOnce}) gets an id derived from what it does, so a retry after a crash finds
 * the first attempt instead of starting a second one.
 */
record BigQueryJobs(BigQuery bigquery, BigQueryErrors errors, String location, String jobPrefix) {

  /** Failed attempts of one {@link #runOnce} job before the run gives up (each rerun starts over). */
  private static final int MAX_ATTEMPTS = 1000;

  /** One load job appending nothing: WRITE_TRUNCATE, so a retried load replaces its own earlier attempt. */
  Job load(TableId staging, Schema schema, List<Path> gzipFiles, String doing) {
    WriteChannelConfiguration config = WriteChannelConfiguration.newBuilder(staging)
        .setFormatOptions(FormatOptions.json())
        .setSchema(schema)
        .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED)
        .setWriteDisposition(JobInfo.WriteDisposition.WRITE_TRUNCATE)
        .setMaxBadRecords(0)
        .build();
    JobId id = jobId("load");
    try {
      TableDataWriteChannel channel = bigquery.writer(id, config);
      try (OutputStream out = Channels.newOutputStream(channel)) {
        for (Path file : gzipFiles) {
          try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            in.transferTo(out);
          }
        }
      }
      Job job = channel.getJob();
      return await(job == null ? bigquery.getJob(id) : job, id, doing);
    } catch (BigQueryException e) {
      throw errors.at(e, doing);
    } catch (IOException e) {
      if (e.getCause() instanceof BigQueryException bq) {
        throw errors.at(bq, doing);
      }
      throw TributaryException.transientFailure("uploading to BigQuery failed while " + doing + ": " + e, e);
    }
  }

  /** Runs a query (DDL, DML or a multi-statement script) to completion. */
  Job run(QueryJobConfiguration query, String doing) {
    JobId id = jobId("query");
    try {
      Job job = bigquery.create(JobInfo.of(id, query));
      return await(job, id, doing);
    } catch (BigQueryException e) {
      throw errors.at(e, doing);
    }
  }

  /**
   * Runs {@code query} at most once per {@code identity} (everything the job does: its text, parameters and the
   * spooled rows it publishes). Attempt n has the id {@code <prefix>_publish_<hash of identity>_<n>}: an attempt that
   * exists and has not failed — still running after the process that submitted it died, or done — is awaited, not
   * repeated; only an attempt that failed is followed by the next. BigQuery refuses a second jobs.insert with an
   * existing id (REST reference, jobs.insert: 409 duplicate), which settles two processes racing for one attempt.
   */
  Job runOnce(QueryJobConfiguration query, String identity, String doing) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      JobId id = attemptId(identity, attempt);
      try {
        Job existing = bigquery.getJob(id);
        if (existing == null) {
          return await(create(id, query), id, doing);
        }
        if (!failed(existing)) {
          return await(existing, id, doing);
        }
      } catch (BigQueryException e) {
        throw errors.at(e, doing);
      }
    }
    throw TributaryException.transientFailure(MAX_ATTEMPTS + " attempts of the job " + attemptId(identity, 0).getJob()
        + " failed while " + doing, null);
  }

  private JobId attemptId(String identity, int attempt) {
    return JobId.newBuilder().setLocation(location)
        .setJob(jobPrefix + "_publish_" + sha256(identity).substring(0, 32) + "_" + attempt).build();
  }

  /** Whether an attempt of the {@link #runOnce} job {@code identity} exists and has not failed. */
  boolean attempted(String identity, String doing) {
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Job existing = bigquery.getJob(attemptId(identity, attempt));
        if (existing == null) {
          return false;
        }
        if (!failed(existing)) {
          return true;
        }
      }
      return false;
    } catch (BigQueryException e) {
      throw errors.at(e, doing);
    }
  }

  private Job create(JobId id, QueryJobConfiguration query) {
    try {
      return bigquery.create(JobInfo.of(id, query));
    } catch (BigQueryException e) {
      if (e.getCode() == 409) {
        return bigquery.getJob(id);
      }
      throw e;
    }
  }

  private static boolean failed(Job job) {
    return job.getStatus() != null && job.getStatus().getState() == JobStatus.State.DONE
        && job.getStatus().getError() != null;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Runs a small SELECT and returns its rows. */
  Iterable<FieldValueList> select(QueryJobConfiguration query, String doing) {
    try {
      // no job id: the client may use jobs.query, which answers small SELECTs in one round trip
      TableResult result = bigquery.query(query);
      return result.iterateAll();
    } catch (BigQueryException e) {
      throw errors.at(e, doing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TributaryException.transientFailure("interrupted while " + doing, e);
    }
  }

  private Job await(Job job, JobId id, String doing) {
    if (job == null) {
      throw TributaryException.transientFailure("BigQuery job " + id.getJob() + " vanished while " + doing, null);
    }
    Job done;
    try {
      done = job.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TributaryException.transientFailure("interrupted while " + doing, e);
    }
    if (done == null) {
      throw TributaryException.transientFailure("BigQuery job " + id.getJob() + " vanished while " + doing, null);
    }
    if (done.getStatus() != null && done.getStatus().getError() != null) {
      throw errors.jobFailed(done.getStatus().getError(), id.getJob(), doing);
    }
    return done;
  }

  private JobId jobId(String kind) {
    return JobId.newBuilder().setLocation(location)
        .setJob(jobPrefix + "_" + kind + "_" + UUID.randomUUID().toString().replace("-", "")).build();
  }
}
