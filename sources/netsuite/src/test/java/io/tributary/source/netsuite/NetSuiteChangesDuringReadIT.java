package io.tributary.source.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.netsuite.NetSuiteRecords;
import io.tributary.sandbox.netsuite.NetSuiteRoutes;
import io.tributary.sandbox.netsuite.NetSuiteSandbox;
import io.tributary.sandbox.netsuite.NetSuiteSandboxSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Rows that change while a read is between pages: touched (they move to the end of the (modified, id) order),
 * deleted (every later row moves one place up), on either side of the page already read. Generated over the read
 * order (incremental or full), the change and the page it follows, on 3,000 customers in pages of 1,000. The
 * expected keys and values come from the simulator's dataset, not from the reader: every key that existed when the
 * read started and was not deleted before its turn arrives; a row touched before its turn, or touched after it in
 * a (modified, id) read, arrives with its new values; every other row arrives exactly once.
 */
@Tag("sandbox")
class NetSuiteChangesDuringReadIT {

  private static final int ROWS = 3_000;
  private static final int LIMIT = 1_000;
  private static final Instant LATER = Instant.parse("2024-03-01T17:30:00Z");

  enum Change { NONE, TOUCH_READ, DELETE_READ, TOUCH_UNREAD, DELETE_UNREAD }

  record Case(boolean byModified, Change change, int afterPage, long seed) {
    @Override
    public String toString() {
      return (byModified ? "(modified, id) order" : "id order") + ", " + change + " after page " + afterPage
          + ", seed " + seed;
    }
  }

  @TestFactory
  Stream<DynamicTest> everyKeyArrivesWhenRowsChangeBetweenPages() {
    List<Case> cases = new ArrayList<>();
    long seed = 1;
    for (boolean byModified : List.of(true, false)) {
      for (Change change : Change.values()) {
        for (int afterPage = 1; afterPage <= 2; afterPage++) {
          cases.add(new Case(byModified, change, afterPage, seed++));
        }
      }
    }
    assertThat(cases).hasSize(20);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(c)));
  }

  private static void run(Case c) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
        .withPlatform(NetSuiteSandbox.platform()).withRows(10).withRows("customer", ROWS));
        NetSuiteSource source = NetSuiteTestSources.source(sandbox)) {
      SandboxDataset data = sandbox.dataset();
      List<RowState> order = readOrder(data, c.byModified());
      assertThat(order).hasSize(ROWS);
      Set<Long> keysAtStart = order.stream().map(r -> r.index() + 1).collect(Collectors.toSet());
      int read = c.afterPage() * LIMIT;
      List<Long> changed = pick(order, c, read);

      List<SourceRecord> got = new ArrayList<>();
      long callsBefore = sandbox.routes(NetSuiteRoutes.class).queries();
      try (StreamReader reader = source.open(NetSuiteTestSources.request("customers", List.of("id"),
          c.byModified() ? List.of("lastmodifieddate") : List.of(), Cursor.START, LIMIT))) {
        Cursor cursor = Cursor.START;
        Page page;
        int pages = 0;
        do {
          page = reader.read(cursor);
          got.addAll(page.records());
          cursor = page.next();
          if (++pages == c.afterPage()) {
            apply(data, c.change(), changed);
          }
        } while (!page.done());
      }
      long calls = sandbox.routes(NetSuiteRoutes.class).queries() - callsBefore;

      Map<Long, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
      got.forEach(r -> byKey.computeIfAbsent((Long) r.fields().get("id"), k -> new ArrayList<>()).add(r.fields()));
      Set<Long> deletedUnread = c.change() == Change.DELETE_UNREAD ? Set.copyOf(changed) : Set.of();
      Set<Long> expected = new TreeSet<>(keysAtStart);
      expected.removeAll(deletedUnread);
      Set<Long> missing = new TreeSet<>(expected);
      missing.removeAll(byKey.keySet());
      assertThat(missing).as(c + ": keys lost").isEmpty();
      deletedUnread.forEach(k -> assertThat(byKey).as(c + ": key %d deleted before its turn", k).doesNotContainKey(k));

      Set<Long> reread = c.byModified() && c.change() == Change.TOUCH_READ ? Set.copyOf(changed) : Set.of();
      Set<Long> newValues = c.change() == Change.TOUCH_UNREAD ? Set.copyOf(changed) : reread;
      NetSuiteRecords truth = new NetSuiteRecords(data, NetSuiteSandboxSettings.from(sandbox.options()).timezone());
      for (Long key : newValues) {
        Map<String, Object> want = truth.values("customer", data.row("customer", key - 1));
        List<Map<String, Object>> seen = byKey.get(key);
        Map<String, Object> last = seen.get(seen.size() - 1);
        assertThat(last.get("lastmodifieddate")).as(c + ": key %d, stamp", key).isEqualTo(LATER);
        assertThat(last.get("companyname")).as(c + ": key %d, name", key).isEqualTo(want.get("companyname"));
      }
      Map<Long, Integer> times = new HashMap<>();
      byKey.forEach((k, v) -> times.put(k, v.size()));
      byKey.keySet().stream().filter(k -> !reread.contains(k)).forEach(k ->
          assertThat(times.get(k)).as(c + ": key %d read once", k).isEqualTo(1));
      reread.forEach(k -> assertThat(times.get(k)).as(c + ": touched key %d read before and after", k).isEqualTo(2));
      // One call a full page: the rows delivered, over the limit, rounded up (a last full page ends with hasMore).
      assertThat(calls).as(c + ": SuiteQL calls").isEqualTo((got.size() + LIMIT - 1) / LIMIT);
    }
  }

  /** Ground truth of the read order: (modified, index) or index, from the dataset. */
  private static List<RowState> readOrder(SandboxDataset data, boolean byModified) {
    Comparator<RowState> by = byModified ? Comparator.comparing(RowState::key)
        : Comparator.comparingLong(RowState::index);
    return data.rows("customer").filter(r -> !r.deleted()).sorted(by).toList();
  }

  /** The keys to change: ten for a touch, one for a delete, among the first {@code read} rows or after them. */
  private static List<Long> pick(List<RowState> order, Case c, int read) {
    SplittableRandom random = new SplittableRandom(c.seed());
    int n = switch (c.change()) {
      case NONE -> 0;
      case TOUCH_READ, TOUCH_UNREAD -> 10;
      case DELETE_READ, DELETE_UNREAD -> 1;
    };
    boolean readPart = c.change() == Change.TOUCH_READ || c.change() == Change.DELETE_READ;
    return LongStream.generate(() -> readPart ? random.nextInt(read) : random.nextInt(read, ROWS)).distinct()
        .limit(n).mapToObj(i -> order.get((int) i).index() + 1).toList();
  }

  private static void apply(SandboxDataset data, Change change, List<Long> keys) {
    for (Long key : keys) {
      if (change == Change.DELETE_READ || change == Change.DELETE_UNREAD) {
        data.delete("customer", key - 1, key - 1, LATER);
      } else {
        data.touch("customer", key - 1, key - 1, LATER);
      }
    }
  }
}
