package io.tributary.source.rest.cs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.totango.TotangoRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offset paging over a result the API counts (Totango's {@code total_hits}): accounts already read that leave the
 * result while it is paged move every later account up, and the one at the next offset would be skipped. Generated
 * over the page after which it happens and how many leave: every account still there is read exactly once.
 */
@Tag("sandbox")
class OffsetTotalRestartIT {

  @TempDir
  Path dir;

  @Test
  void accountsLeavingWhileTheResultIsPagedCostNoOtherAccount() {
    int cases = 0;
    for (int after : new int[] {1, 3}) {
      for (int leaving : new int[] {1, 5, 40}) {
        leaveWhilePaging(after, leaving);
        cases++;
      }
    }
    assertThat(cases).isEqualTo(6);
  }

  private void leaveWhilePaging(int after, int leaving) {
    String label = leaving + " accounts read leave after page " + after;
    SimulatedDefinition.StreamOf accounts = SimulatedDefinition.TOTANGO.streams().get(0);
    SandboxOptions options = SimulatedDefinition.unlimited(SandboxOptions.defaults()
        .withPlatform(SimulatedDefinition.TOTANGO.platform()).withRows(accounts.object(), 500));
    try (SandboxServer sandbox = SandboxServer.start(options);
        Source source = SimulatedDefinition.TOTANGO.source(sandbox, dir);
        StreamReader reader = source.open(new ReadRequest(accounts.stream(), Map.of(), List.of(accounts.key()),
            List.of(), Cursor.START, Duration.ZERO, 50))) {
      Map<String, Long> index = new HashMap<>();
      List<String> read = new ArrayList<>();
      Cursor at = Cursor.START;
      for (int page = 1; ; page++) {
        Page p = reader.read(at);
        for (SourceRecord r : p.records()) {
          read.add(String.valueOf(r.fields().get(accounts.key())));
        }
        if (page == 1) {
          sandbox.dataset().rows(accounts.object()).forEach(r -> index.put(key(accounts, r.index()),
              r.index()));
        }
        if (page == after) {
          for (String k : read.subList(0, leaving)) {
            long i = index.get(k);
            sandbox.dataset().delete(accounts.object(), i, i, Instant.now());
          }
        }
        if (p.done()) {
          break;
        }
        at = p.next();
      }
      Set<String> there = sandbox.dataset().rows(accounts.object()).filter(r -> !r.deleted())
          .map(r -> key(accounts, r.index())).collect(Collectors.toSet());
      assertThat(read).as(label + ": no account twice").doesNotHaveDuplicates();
      assertThat(read).as(label + ": every account still there").containsAll(there);
    }
  }

  private static String key(SimulatedDefinition.StreamOf stream, long index) {
    return TotangoRecords.id(stream.object(), index);
  }
}
