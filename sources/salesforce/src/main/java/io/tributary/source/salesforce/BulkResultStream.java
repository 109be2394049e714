package io.tributary.source.salesforce;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import io.tributary.http.StreamedResponse;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The rows of a completed Bulk API 2.0 job, page after page: {@code maxRecords} rows per results request, following
 * {@code Sforce-Locator} until it is the literal {@code null}. One row is in memory at a time. A page that breaks off
 * (or delivers fewer rows than its {@code Sforce-NumberOfRecords}) is fetched again with the same locator and the rows
 * already handed out are skipped; a locator is only used within the run that got it.
 */
final class BulkResultStream implements AutoCloseable {

  private static final int REOPEN_ATTEMPTS = 5;

  private final SalesforceClient client;
  private final String jobId;
  private final int maxRecords;
  private String locator;
  private String nextLocator;
  private boolean lastPage;
  private long consumed;
  private long expected = -1;
  private int reopens;
  private StreamedResponse response;
  private BulkResultCsv csv;

  BulkResultStream(SalesforceClient client, String jobId, int maxRecords) {
    this.client = client;
    this.jobId = jobId;
    this.maxRecords = maxRecords;
  }

  /** The next row, or null when the job's results are exhausted. */
  Map<String, Object> next() {
    while (true) {
      if (csv == null && lastPage) {
        return null;
      }
      try {
        if (csv == null) {
          open();
        }
        if (csv.hasNext()) {
          Map<String, Object> row = csv.next();
          consumed++;
          return row;
        }
        if (expected >= 0 && consumed < expected) {
          throw TributaryException.transientFailure("Salesforce Bulk results page ended after " + consumed + " of "
              + expected + " rows", null);
        }
      } catch (TributaryException e) {
        if (e.kind() != Kind.TRANSIENT || ++reopens > REOPEN_ATTEMPTS) {
          throw e;
        }
        closePage();
        continue;
      }
      closePage();
      if (nextLocator == null) {
        lastPage = true;
        return null;
      }
      locator = nextLocator;
      consumed = 0;
    }
  }

  private void open() {
    response = client.results(jobId, locator, maxRecords);
    nextLocator = BulkResultCsv.nextLocator(response.headers().firstValue("Sforce-Locator").orElse(null));
    expected = response.headers().firstValue("Sforce-NumberOfRecords").map(Long::parseLong).orElse(-1L);
    csv = BulkResultCsv.open(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    for (long i = 0; i < consumed; i++) {
      if (!csv.hasNext()) {
        break;
      }
      csv.next();
    }
  }

  private void closePage() {
    if (csv != null) {
      csv.close();
      csv = null;
    }
    if (response != null) {
      try {
        response.close();
      } catch (IOException ignored) {
        // the page is being abandoned; nothing left to read from it
      }
      response = null;
    }
  }

  @Override
  public void close() {
    closePage();
  }
}
