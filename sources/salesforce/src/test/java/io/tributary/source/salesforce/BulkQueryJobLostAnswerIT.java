package io.tributary.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.salesforce.SalesforceRoutes;
import io.tributary.sandbox.salesforce.SalesforceSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Bulk job create whose answer the simulator loses after making the job: the reader adopts that job (one create,
 * one job list) and reads every row once; a job of the same object made just before by another client is not taken
 * for it.
 */
@Tag("sandbox")
class BulkQueryJobLostAnswerIT {

  private static final long ROWS = 3_000;

  private static SandboxServer sandbox() {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(SalesforceSandbox.platform())
        .withRows(0).withRows("Opportunity", ROWS).withRows("User", 5).withSeed(11));
  }

  @Test
  void aLostCreateAnswerAdoptsItsJobAndReadsEveryRowOnce() {
    try (SandboxServer sandbox = sandbox()) {
      SalesforceRoutes routes = sandbox.routes(SalesforceRoutes.class);
      routes.loseBulkCreateAnswers(1);
      List<String> ids = read(sandbox, Cursor.START).ids();
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(new HashSet<>(ids)).isEqualTo(SalesforceTestSources.liveIds(sandbox, "Opportunity"));
      Map<String, Long> kinds = routes.requestsByKind();
      assertThat(kinds.get("bulk-create")).as("one job made: the lost one, adopted").isEqualTo(1);
      assertThat(kinds.get("bulk-list")).isEqualTo(1);
    }
  }

  @Test
  void anEarlierJobOfTheSameObjectIsNotTakenForTheLostOne() {
    try (SandboxServer sandbox = sandbox()) {
      SalesforceRoutes routes = sandbox.routes(SalesforceRoutes.class);
      Read full = read(sandbox, Cursor.START);
      assertThat(routes.requestsByKind()).doesNotContainKey("bulk-list");
      // Another process resumes from the first page's cursor, seconds after the full read's job was made.
      routes.loseBulkCreateAnswers(1);
      Read rest = read(sandbox, full.firstPageNext());
      Set<String> expected = new HashSet<>(full.ids().subList(full.firstPageSize(), full.ids().size()));
      assertThat(rest.ids()).doesNotHaveDuplicates();
      assertThat(new HashSet<>(rest.ids())).as("only the rows after the cursor: the earlier job was not adopted")
          .isEqualTo(expected);
      // 3 when the earlier job fell within the 5 s margin (two candidates: neither adopted, created again), 2 when the
      // machine was slow enough for it to fall outside
      assertThat(routes.requestsByKind().get("bulk-create")).isBetween(2L, 3L);
    }
  }

  private record Read(List<String> ids, Cursor firstPageNext, int firstPageSize) {}

  /** Reads the stream to the end from {@code from} with a fresh source (a new process: its own client). */
  private static Read read(SandboxServer sandbox, Cursor from) {
    List<String> ids = new ArrayList<>();
    Cursor first = null;
    int firstSize = 0;
    try (Source source = SalesforceTestSources.source(sandbox, null, 1_000);
        StreamReader reader = source.open(new ReadRequest("Opportunity", SalesforceTestSources.options("mode",
            "bulk"), List.of("Id"), List.of("SystemModstamp"), from, Duration.ZERO, 500))) {
      Cursor cursor = from;
      while (true) {
        Page page = reader.read(cursor);
        for (SourceRecord r : page.records()) {
          ids.add((String) r.fields().get("Id"));
        }
        if (first == null) {
          first = page.next();
          firstSize = page.records().size();
        }
        if (page.done()) {
          return new Read(ids, first, firstSize);
        }
        cursor = page.next();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
