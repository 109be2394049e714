package io.tributary.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Bulk API 2.0 query job: created without duplicates and polled with backoff until JobComplete.
 *
 * <p>The create POST is never blindly repeated: when its answer is lost (500, timeout, reset) the org's job list is
 * compared with the list taken just before, and a new job for the same object and operation is adopted; only when
 * none appeared is the job created again.
 *
 * @param records numberRecordsProcessed of the completed job
 */
record BulkQueryJob(String id, long records) {

  private static final Logger LOG = LoggerFactory.getLogger(BulkQueryJob.class);
  private static final int CREATE_ATTEMPTS = 4;
  private static final Duration FIRST_POLL = Duration.ofMillis(200);
  private static final Duration MAX_POLL = Duration.ofSeconds(15);

  /** Creates the job and waits until it completed. */
  static BulkQueryJob run(SalesforceClient client, String object, String soql, boolean all) {
    String id = create(client, object, soql, all);
    return new BulkQueryJob(id, awaitCompletion(client, id));
  }

  static String create(SalesforceClient client, String object, String soql, boolean all) {
    Set<String> before = ids(client.queryJobs());
    TributaryException last = null;
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      try {
        return client.createQueryJob(soql, all).path("id").asText();
      } catch (TributaryException e) {
        if (e.kind() != Kind.TRANSIENT) {
          throw e;
        }
        last = e;
        List<JsonNode> fresh = client.queryJobs().stream()
            .filter(j -> !before.contains(j.path("id").asText()))
            .filter(j -> object.equalsIgnoreCase(j.path("object").asText()))
            .filter(j -> (all ? "queryAll" : "query").equals(j.path("operation").asText()))
            .toList();
        if (fresh.size() == 1) {
          LOG.info("Salesforce Bulk job create for {} lost its answer; adopting job {}", object,
              fresh.get(0).path("id").asText());
          return fresh.get(0).path("id").asText();
        }
        if (fresh.size() > 1) {
          throw TributaryException.transientFailure("Salesforce Bulk job create for " + object + " lost its answer and "
              + fresh.size() + " new jobs for the object appeared meanwhile; cannot tell which is ours", e);
        }
        before.addAll(ids(client.queryJobs()));
      }
    }
    throw last;
  }

  /** Polls the job with exponential backoff; returns numberRecordsProcessed. */
  static long awaitCompletion(SalesforceClient client, String id) {
    Duration wait = FIRST_POLL;
    while (true) {
      JsonNode job = client.queryJob(id);
      String state = job.path("state").asText();
      switch (state) {
        case "JobComplete" -> {
          return job.path("numberRecordsProcessed").asLong(-1);
        }
        case "Failed", "Aborted" -> throw new TributaryException(Kind.TRANSIENT, "Salesforce Bulk query job " + id
            + " ended " + state + (job.hasNonNull("errorMessage") ? ": " + job.path("errorMessage").asText() : ""),
            "run the job again; if it keeps failing, narrow the stream (fields, filter) or use mode: rest", null);
        default -> sleep(wait);
      }
      wait = wait.multipliedBy(3).dividedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(3).dividedBy(2);
    }
  }

  private static Set<String> ids(List<JsonNode> jobs) {
    Set<String> out = new HashSet<>();
    jobs.forEach(j -> out.add(j.path("id").asText()));
    return out;
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
