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
import io.tributary.sandbox.gainsight.GainsightRecords;
import io.tributary.sandbox.oracleerp.OracleErpCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ChurnZero, Gainsight and Oracle ERP. Rows read early in a run and modified before it ends move to the end of the
 * (modified time, key) order. Offset
 * paging then skipped one unchanged row per modified row at the next page boundary, below the final watermark: lost.
 * Generated cases: N rows, page size P, after page k touch m rows already read through the simulator's dataset, read
 * to the end; every key of the simulator's ground truth must arrive, and each touched row in its new version.
 */
@Tag("sandbox")
class KeysetPagingIT {

  @TempDir
  Path dir;

  /** ChurnZero's page size is fixed at 100 by the API; Gainsight's is the request's limit. */
  static Stream<Arguments> cases() {
    Random random = new Random(20270101L);
    List<Arguments> out = new ArrayList<>();
    List<Object[]> streams = List.of(
        new Object[] {SimulatedDefinition.CHURNZERO, 0, 100},
        new Object[] {SimulatedDefinition.CHURNZERO, 1, 100},
        new Object[] {SimulatedDefinition.GAINSIGHT, 0, 0},
        new Object[] {SimulatedDefinition.GAINSIGHT, 1, 0},
        new Object[] {SimulatedDefinition.ORACLE_ERP, 0, 0},
        new Object[] {SimulatedDefinition.ORACLE_ERP, 2, 0});
    for (Object[] s : streams) {
      for (int variant = 0; variant < 3; variant++) {
        int size = (int) s[2] > 0 ? (int) s[2] : 20 + random.nextInt(81);
        int pages = 3 + random.nextInt(5);
        long rows = (long) size * pages + random.nextInt(size);
        int afterPage = 1 + random.nextInt(pages - 1);
        int touched = 1 + random.nextInt(Math.min(size, 12));
        SimulatedDefinition def = (SimulatedDefinition) s[0];
        out.add(Arguments.of(def, ((SimulatedDefinition) s[0]).streams().get((int) s[1]), rows, size, afterPage,
            touched, random.nextLong()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1}: {2} rows, pages of {3}, touch {5} read rows after page {4}")
  @MethodSource("cases")
  void everyKeyArrivesWhenReadRowsChangeMidRun(SimulatedDefinition def, SimulatedDefinition.StreamOf stream,
      long rows, int size, int afterPage, int touched, long seed) {
    SandboxOptions options = SimulatedDefinition.unlimited(SandboxOptions.defaults().withPlatform(def.platform())
        .withRows(stream.object(), rows));
    try (SandboxServer sandbox = SandboxServer.start(options);
        Source source = def.source(sandbox, dir);
        StreamReader reader = source.open(new ReadRequest(stream.stream(), Map.of(), List.of(stream.key()),
            List.of(stream.cursor()), Cursor.START, Duration.ZERO, size))) {
      LongFunction<String> keyOf = keyOf(def, stream);
      Map<String, Long> indexOf = new HashMap<>();
      sandbox.dataset().rows(stream.object()).forEach(r -> indexOf.put(keyOf.apply(r.index()), r.index()));
      List<SourceRecord> read = new ArrayList<>();
      Map<String, Instant> touchedAt = new HashMap<>();
      Cursor at = Cursor.START;
      for (int page = 1; ; page++) {
        Page p = reader.read(at);
        read.addAll(p.records());
        if (page == afterPage) {
          List<String> seen = new ArrayList<>(read.stream().map(r -> key(r, stream)).distinct().toList());
          java.util.Collections.shuffle(seen, new Random(seed));
          Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
          for (String k : seen.subList(0, Math.min(touched, seen.size()))) {
            long i = indexOf.get(k);
            sandbox.dataset().touch(stream.object(), i, i, now);
            touchedAt.put(k, now);
          }
        }
        if (p.done()) {
          break;
        }
        at = p.next();
      }
      Set<String> expected = sandbox.dataset().rows(stream.object()).filter(r -> !r.deleted())
          .map(r -> keyOf.apply(r.index())).collect(Collectors.toSet());
      Set<String> got = read.stream().map(r -> key(r, stream)).collect(Collectors.toCollection(HashSet::new));
      Set<String> missing = new HashSet<>(expected);
      missing.removeAll(got);
      assertThat(missing).as("keys never read (of %d)", expected.size()).isEmpty();
      for (Map.Entry<String, Instant> t : touchedAt.entrySet()) {
        assertThat(read.stream().filter(r -> key(r, stream).equals(t.getKey()))
            .map(r -> instant(r.fields().get(stream.cursor()))).toList())
            .as("versions of touched row %s read", t.getKey()).contains(t.getValue());
      }
    }
  }

  private static LongFunction<String> keyOf(SimulatedDefinition def, SimulatedDefinition.StreamOf stream) {
    if (def == SimulatedDefinition.ORACLE_ERP) {
      return i -> Long.toString(OracleErpCatalog.ID_BASE + i + 1);
    }
    return def == SimulatedDefinition.GAINSIGHT ? i -> GainsightRecords.gsid(stream.object(), i)
        : i -> Long.toString(i + 1);
  }

  private static String key(SourceRecord r, SimulatedDefinition.StreamOf stream) {
    return String.valueOf(r.fields().get(stream.key()));
  }

  private static Instant instant(Object v) {
    String s = String.valueOf(v);
    return s.matches("\\d{12,14}") ? Instant.ofEpochMilli(Long.parseLong(s)) : OffsetDateTime.parse(s).toInstant();
  }
}
