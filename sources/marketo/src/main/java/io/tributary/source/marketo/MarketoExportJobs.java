package io.tributary.source.marketo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.QuotaLedger;
import io.tributary.core.TributaryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs bulk export jobs to completion: create with the window's date filter, enqueue, then poll the status with a
 * doubling wait until Completed (bulk-extract.md: "Job status ... must be polled"). Keeps the bytes this source's
 * exports used today, and stops cleanly (QUOTA) before another create once they reach the daily allowance. Shared by
 * the streams of one source; used by one reader thread at a time.
 */
class MarketoExportJobs {

  /** Waits between status polls; tests pass one that returns at once. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private static final Logger log = LoggerFactory.getLogger(MarketoExportJobs.class);

  private final MarketoClient client;
  private final MarketoConfig config;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong exportedBytes = new AtomicLong();

  MarketoExportJobs(MarketoClient client, MarketoConfig config, Clock clock, Sleeper sleeper) {
    this.client = client;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Creates and enqueues the export of one window; returns its id. */
  String start(MarketoStreamOptions opts, Instant from, Instant to) {
    if (exportedBytes.get() >= config.dailyQuotaBytes()) {
      throw new TributaryException(TributaryException.Kind.QUOTA, "Marketo exports of this run reached the daily"
          + " export allowance of " + config.dailyQuotaBytes() / (1024 * 1024) + " MB (daily_export_quota_mb)",
          MarketoErrors.EXPORT_QUOTA_HINT, null);
    }
    MarketoExport created = client.create(opts.stream(), body(opts, from, to));
    try {
      client.enqueue(opts.stream(), created.id());
    } catch (TributaryException e) {
      cancelQuietly(opts.stream(), created.id());
      throw e;
    }
    log.info("marketo {} export {} queued for {} .. {}", opts.stream().path(), created.id(), from, to);
    return created.id();
  }

  /**
   * Polls until the export is Completed, Failed or Cancelled (a Created one left by an earlier run is enqueued).
   * Gives up after {@code max_export_wait} with a restartable failure: the export id stays in the cursor.
   */
  MarketoExport await(MarketoStreams kind, String exportId) {
    Instant deadline = Instant.now().plus(config.exportWait());
    Duration wait = config.firstPoll();
    while (true) {
      MarketoExport e = client.status(kind, exportId);
      if (e.completed()) {
        QuotaLedger.report("marketo", "daily bulk export bytes", exportedBytes.addAndGet(e.fileSize()),
            config.dailyQuotaBytes());
        return e;
      }
      if (e.dead()) {
        return e;
      }
      if (e.status().equals("Created")) {
        client.enqueue(kind, exportId);
      }
      if (Instant.now().isAfter(deadline)) {
        throw TributaryException.transientFailure("Marketo export " + exportId + " is still " + e.status()
            + " after " + config.exportWait() + " (max_export_wait); run the job again: it polls the same export",
            null);
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw TributaryException.transientFailure("interrupted while waiting for Marketo export " + exportId, ie);
      }
      wait = wait.multipliedBy(2).compareTo(config.maxPoll()) > 0 ? config.maxPoll() : wait.multipliedBy(2);
    }
  }

  /** Now, at whole seconds: Marketo filters take datetimes without milliseconds. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  String body(MarketoStreamOptions opts, Instant from, Instant to) {
    ObjectNode req = json.createObjectNode();
    req.put("format", "CSV");
    List<String> fields = opts.fields();
    fields.forEach(req.putArray("fields")::add);
    ObjectNode filter = req.putObject("filter");
    ObjectNode range = filter.putObject(opts.filter());
    range.put("startAt", from.toString());
    range.put("endAt", to.toString());
    if (!opts.activityTypeIds().isEmpty()) {
      opts.activityTypeIds().forEach(filter.putArray("activityTypeIds")::add);
    }
    return req.toString();
  }

  private void cancelQuietly(MarketoStreams kind, String exportId) {
    try {
      client.cancel(kind, exportId);
    } catch (TributaryException e) {
      log.debug("marketo export {} could not be cancelled: {}", exportId, e.getMessage());
    }
  }
}
