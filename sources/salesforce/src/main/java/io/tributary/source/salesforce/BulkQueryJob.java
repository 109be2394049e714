package io.tributary.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Bulk API 2.0 query job: created without a second job where it can be helped, and polled on a
 * {@link BulkPollSchedule} until JobComplete.
 *
 * <p>The create POST is never blindly repeated. Only when its answer is lost (500, timeout, reset: the request may
 * have reached Salesforce) are the org's query jobs listed, and a job for the same object and operation is adopted
 * when exactly one was created since Salesforce's clock read {@link #CREATED_MARGIN} before the create (the
 * {@code Date} of the last answer before it, against the jobs' {@code createdDate}), is not known to this client and
 * was not in an earlier listing. With none the job is created again; with several it cannot tell which is its own
 * and creates again too: a second job costs one of the org's daily query jobs, reading someone else's job would cost
 * correctness.
 *
 * @param records numberRecordsProcessed of the completed job
 */
record BulkQueryJob(String id, long records) {

  /** Leeway for Salesforce servers whose clocks differ; both stamps are whole seconds. */
  static final Duration CREATED_MARGIN = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(BulkQueryJob.class);
  private static final int CREATE_ATTEMPTS = 4;
  /** {@code createdDate} as the Bulk 2.0 job info writes it, e.g. {@code 2022-01-02T17:38:59.000+0000}. */
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** Creates the job and waits until it completed. */
  static BulkQueryJob run(SalesforceClient client, BulkPollSchedule schedule, String object, String soql,
      boolean all) {
    String id = create(client, object, soql, all);
    return new BulkQueryJob(id, awaitCompletion(client, schedule, id));
  }

  static String create(SalesforceClient client, String object, String soql, boolean all) {
    Set<String> listed = new HashSet<>();
    TributaryException last = null;
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      Instant since = client.serverClock().now().minus(CREATED_MARGIN);
      try {
        return client.createQueryJob(soql, all).path("id").asText();
      } catch (TributaryException e) {
        if (e.kind() != Kind.TRANSIENT) {
          throw e;
        }
        last = e;
        List<JsonNode> jobs = client.queryJobs();
        List<String> fresh = jobs.stream()
            .filter(j -> object.equalsIgnoreCase(j.path("object").asText()))
            .filter(j -> (all ? "queryAll" : "query").equals(j.path("operation").asText()))
            .filter(j -> createdSince(j, since))
            .map(j -> j.path("id").asText())
            .filter(id -> !listed.contains(id) && !client.isOwnJob(id))
            .toList();
        jobs.forEach(j -> listed.add(j.path("id").asText()));
        if (fresh.size() == 1) {
          LOG.info("Salesforce Bulk job create for {} lost its answer; adopting job {}", object, fresh.get(0));
          client.adoptJob(fresh.get(0));
          return fresh.get(0);
        }
        LOG.warn("Salesforce Bulk job create for {} lost its answer and {} new jobs for the object appeared since {};"
            + " creating it again", object, fresh.size(), since);
      }
    }
    throw last;
  }

  /** True unless the job's createdDate is readable and before {@code since} (an unreadable one stays a candidate). */
  private static boolean createdSince(JsonNode job, Instant since) {
    try {
      return !OffsetDateTime.parse(job.path("createdDate").asText(), CREATED).toInstant().isBefore(since);
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /** Polls the job on the schedule; returns numberRecordsProcessed. */
  static long awaitCompletion(SalesforceClient client, BulkPollSchedule schedule, String id) {
    long created = System.nanoTime();
    Duration elapsed = Duration.ZERO;
    while (true) {
      sleep(schedule.nextWait(elapsed));
      JsonNode job = client.queryJob(id);
      String state = job.path("state").asText();
      switch (state) {
        case "JobComplete" -> {
          LOG.debug("Salesforce Bulk job {} complete after {} ms", id, (System.nanoTime() - created) / 1_000_000);
          return job.path("numberRecordsProcessed").asLong(-1);
        }
        case "Failed", "Aborted" -> throw new TributaryException(Kind.TRANSIENT, "Salesforce Bulk query job " + id
            + " ended " + state + (job.hasNonNull("errorMessage") ? ": " + job.path("errorMessage").asText() : ""),
            "run the job again; if it keeps failing, narrow the stream (fields, filter) or use mode: rest", null);
        default -> elapsed = Duration.ofNanos(System.nanoTime() - created);
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TributaryException.transientFailure("interrupted while waiting for a Salesforce Bulk job", e);
    }
  }
}
