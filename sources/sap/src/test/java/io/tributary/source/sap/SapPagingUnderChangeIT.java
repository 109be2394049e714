package io.tributary.source.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.sap.SapSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows that change while a read is paging: after page {@code k}, some rows already read are updated (they move to the
 * end of change order) or deleted, then the read finishes. The simulator's offset {@code $skiptoken} (its default,
 * as on Gateway) then shifts every later row back, so a reader following {@code __next} skips rows at the page
 * boundary. Every key that existed when the read started must arrive; the expected keys come from the simulator's
 * dataset, not from the reader.
 */
@Tag("sandbox")
class SapPagingUnderChangeIT {

  private static final int ROWS = 60;
  private static final int SERVER_PAGE = 10;

  enum Change { UPDATE, DELETE }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String stream : List.of("A_SalesOrder", "A_BusinessPartner")) {
      for (int afterPage : new int[] {1, 3}) {
        for (int changed : new int[] {1, 4, SERVER_PAGE}) {
          for (Change change : Change.values()) {
            out.add(Arguments.of(stream, afterPage, changed, change));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {2} rows {3}D after page {1}")
  @MethodSource("cases")
  void everyKeyArrivesWhenReadRowsChangeMidRead(String stream, int afterPage, int changed, Change change) {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPlatform(SapSandbox.platform())
        .withRows("A_SalesOrder", ROWS).withRows("A_SalesOrderItem", 3).withRows("A_BusinessPartner", ROWS)
        .withSetting("sap.page-size", Integer.toString(SERVER_PAGE)));
        SapSource source = SapTestSources.basic(sandbox)) {
      String key = stream.equals("A_SalesOrder") ? "SalesOrder" : "BusinessPartner";
      Set<String> expected = sandbox.dataset().rows(stream).filter(r -> !r.deleted()).map(r -> id(r.index()))
          .collect(Collectors.toSet());
      assertThat(expected).hasSize(ROWS);
      List<String> cursor = stream.equals("A_SalesOrder") ? List.of("LastChangeDateTime") : List.of();
      Set<String> read = new HashSet<>();
      int pages = 0;
      try (StreamReader reader = source.open(SapTestSources.request(stream, Map.of(), cursor, Cursor.START))) {
        Cursor c = Cursor.START;
        while (true) {
          Page p = reader.read(c);
          pages++;
          List<String> keys = p.records().stream().map(r -> (String) r.fields().get(key)).toList();
          read.addAll(keys);
          if (pages == afterPage) {
            assertThat(p.done()).isFalse();
            change(sandbox, stream, read, changed, change);
          }
          if (p.done()) {
            break;
          }
          c = p.next();
        }
      }
      assertThat(pages).isGreaterThan(afterPage);
      assertThat(read).as("keys read").containsAll(expected);
    }
  }

  /** Updates or deletes {@code n} rows the read has already returned, chosen by key. */
  private static void change(SandboxServer sandbox, String stream, Set<String> read, int n, Change change) {
    Instant later = sandbox.dataset().rows(stream).map(RowState::modifiedAt).max(Instant::compareTo).orElseThrow()
        .plus(Duration.ofHours(1));
    List<Long> indexes = read.stream().map(k -> Long.parseLong(k) - 10_000_000L).sorted().limit(n).toList();
    assertThat(indexes).hasSize(n);
    for (long i : indexes) {
      if (change == Change.UPDATE) {
        sandbox.dataset().touch(stream, i, i, later);
      } else {
        sandbox.dataset().delete(stream, i, i, later);
      }
    }
  }

  private static String id(long index) {
    return Long.toString(10_000_000L + index);
  }
}
