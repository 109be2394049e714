package io.tributary.reliability.configspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.reliability.configspace.JobSpec.Mode;
import io.tributary.reliability.configspace.JobSpec.Sink;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * The tester's own model, checked by jqwik properties (a tester that is wrong finds nothing or everything): the
 * clock never goes backwards, DST readings are the ones the zone allows, and the model's expectations are
 * idempotent where the job semantics say a re-read is harmless.
 */
@Tag("unit")
class ConfigSpaceModelTest {

  @Property(tries = 200)
  @SuppressWarnings("unchecked")
  void theCursorClockNeverGoesBackwardsAndANewEpochIsStrictlyLater(@ForAll("cursors") CursorKind kind,
      @ForAll @IntRange(min = 0, max = 5) int base, @ForAll long seed) {
    Random random = new Random(seed);
    Comparable<Object> value = (Comparable<Object>) kind.start(ZoneId.of("Europe/Berlin"), base);
    for (int i = 0; i < 50; i++) {
      Comparable<Object> next = kind.advance(value, random);
      assertThat(next.compareTo(value)).isGreaterThanOrEqualTo(0);
      value = next;
    }
  }

  @Provide
  Arbitrary<CursorKind> cursors() {
    return Arbitraries.of(CursorKind.class);
  }

  @Example
  void aWallClockTimeInAGapOrOverlapHasTwoReadingsAndOtherwiseOne() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(CursorKind.LOCAL_TIMESTAMP.instantsFor(LocalDateTime.of(2024, 3, 31, 2, 30), berlin))
        .extracting(Object::toString).containsExactly("2024-03-31T01:30:00Z", "2024-03-31T00:30:00Z");
    assertThat(CursorKind.LOCAL_TIMESTAMP.instantsFor(LocalDateTime.of(2024, 10, 27, 2, 30), berlin))
        .extracting(Object::toString).containsExactly("2024-10-27T00:30:00Z", "2024-10-27T01:30:00Z");
    assertThat(CursorKind.LOCAL_TIMESTAMP.instantsFor(LocalDateTime.of(2024, 6, 1, 12, 0), berlin))
        .extracting(Object::toString).containsExactly("2024-06-01T10:00:00Z");
  }

  @Property(tries = 100)
  void rereadingTheSameSnapshotChangesNothingButAnAppendWithoutCursor(@ForAll("snapshots") List<RowVersion> rows,
      @ForAll Mode mode, @ForAll boolean cursor) {
    JobSpec spec = new JobSpec(Sink.DUCKDB, mode, cursor ? CursorKind.TIMESTAMPTZ : CursorKind.NONE,
        ZoneId.of("UTC"), null, 1, 10, 10, false, false, 0);
    ExpectedWarehouse model = new ExpectedWarehouse(spec);
    model.onRun(rows, false);
    List<RowVersion> once = model.rows();
    model.onRun(rows, false);
    long loadable = rows.stream().filter(RowVersion::loadable).count();
    if (mode == Mode.APPEND && !cursor) {
      assertThat(model.rows()).hasSize((int) (2 * loadable));
    } else {
      assertThat(model.rows()).containsExactlyInAnyOrderElementsOf(once).hasSize((int) loadable);
      assertThat(model.lastRunNewVersions()).isZero();
    }
  }

  @Provide
  Arbitrary<List<RowVersion>> snapshots() {
    return Arbitraries.integers().between(0, 30).flatMap(n -> Arbitraries.of("2024-01-01T00:00:00Z", "infinity")
        .list().ofSize(n).map(seen -> {
          List<RowVersion> out = new ArrayList<>();
          for (int i = 0; i < seen.size(); i++) {
            out.add(new RowVersion(i + 1, 1, "r" + i, java.time.Instant.EPOCH, seen.get(i), false, null));
          }
          return out;
        }));
  }
}
