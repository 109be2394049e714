package io.tributary.sink.postgres;

import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_1_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.RUN_2_AT;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.accounts;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.at;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.query;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.run;
import static io.tributary.sink.postgres.PostgresSinkTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.ChunkOutcome;
import io.tributary.core.ChunkTransaction;
import io.tributary.core.QuarantinedRecord;
import io.tributary.core.Row;
import io.tributary.core.TableWriter;
import io.tributary.core.WriteMode;
import io.tributary.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A chunk's COPY started at its first offered row ({@link TableWriter#offer}, {@link PostgresCopyFeed}) lands exactly
 * what loading the chunk whole lands. Generated chunks (repeated keys, rows the encoder refuses, deletes, empty
 * chunks) go into an empty or a filled target in each mode, once through offers and once without, into two schemas of
 * the real PostgreSQL, which are then compared: target, quarantine, state row and what each load reported. The offers
 * are made the ways the engine makes them and the ways it must survive: all rows, a part of them, other rows than the
 * ones loaded, other work on the chunk's connection before the load, offers of a chunk that rolls back before its
 * load, and a chunk that fails after its load.
 */
@Tag("db")
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a COPY left open blocks its connection
class PostgresCopyFeedIT {

  /** How a chunk's rows are offered before its load. */
  enum Offer {
    /** none: the chunk is loaded whole, as without the feed */
    NONE,
    /** every row, in order, as the engine does */
    ALL,
    /** the first half only */
    PART,
    /** rows with other names than the ones then loaded (the load must not keep what the feed sent) */
    OTHER,
    /** every row, then other work of the writer on the chunk's connection before the load */
    ALL_THEN_OTHER_WORK,
    /** every row, then the chunk rolls back before its load; then again with every row */
    ROLLED_BACK,
    /** every row and the load, then the chunk rolls back; then again with every row */
    FAILED_AFTER_LOAD
  }

  record Case(long seed, WriteMode mode, boolean filled, List<List<Row>> chunks, List<Offer> offers) {
    @Override
    public String toString() {
      return "seed " + seed + ": " + mode + (filled ? " into a filled target" : " into an empty target") + ", chunks of "
          + chunks.stream().map(List::size).toList() + " offered " + offers;
    }
  }

  static Stream<Case> cases() {
    return IntStream.range(0, 42).mapToObj(PostgresCopyFeedIT::generate);
  }

  private static Case generate(int seed) {
    Random random = new Random(seed);
    WriteMode mode = WriteMode.values()[seed % WriteMode.values().length];
    boolean filled = (seed / 3) % 2 == 1;
    int count = 1 + random.nextInt(3);
    List<List<Row>> chunks = new ArrayList<>();
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chunks.add(rows(random, random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(40)));
      // every case offers its first chunk in full (the engine's way); the others vary
      offers.add(i == 0 ? Offer.ALL : Offer.values()[random.nextInt(Offer.values().length)]);
    }
    if (count > 1 || seed % 2 == 0) {
      offers.set(count - 1, Offer.values()[seed % Offer.values().length]);
    }
    return new Case(seed, mode, filled, chunks, offers);
  }

  /** accounts rows: keys 1..15 (so they repeat within and across chunks), now and then a row PostgreSQL cannot hold. */
  private static List<Row> rows(Random random, int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int odd = random.nextInt(20);
      Object id = odd == 0 ? null : (Object) (long) (1 + random.nextInt(15));
      String name = odd == 1 ? "nul\u0000inside" : random.nextInt(6) == 0 ? null : "n" + random.nextInt(1000);
      Object amount = odd == 2 ? new BigDecimal("123456789012.00")
          : random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextInt(100_000) - 50_000, 2);
      rows.add(new Row(new Object[] {id, name, amount}, random.nextInt(10) == 0));
    }
    return rows;
  }

  @Test
  void theCasesOfferEveryWayInEveryModeIntoEmptyAndFilledTargets() {
    Set<String> seen = new HashSet<>();
    cases().forEach(c -> {
      for (int i = 0; i < c.offers().size(); i++) {
        if (!c.chunks().get(i).isEmpty()) {
          seen.add(c.mode() + " " + c.offers().get(i));
        }
      }
      seen.add(c.mode() + (c.filled() ? " filled" : " empty"));
    });
    for (WriteMode mode : WriteMode.values()) {
      assertThat(seen).contains(mode + " filled", mode + " empty");
      for (Offer offer : Offer.values()) {
        assertThat(seen).contains(mode + " " + offer);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aChunkLoadedThroughItsOffersLandsWhatItsWholeLoadLands(Case c) {
    String whole = TestPostgres.freshSchema("feed_whole");
    String fed = TestPostgres.freshSchema("feed_offered");
    List<ChunkOutcome> wholeOutcomes = load(whole, c, false);
    List<ChunkOutcome> fedOutcomes = load(fed, c, true);

    assertThat(fedOutcomes).as("what each chunk's load reported").isEqualTo(wholeOutcomes);
    assertThat(contents(fed)).isEqualTo(contents(whole));
  }

  /** Loads the case's chunks into {@code schema}; with offers as the case says, or never offered. */
  private List<ChunkOutcome> load(String schema, Case c, boolean offered) {
    PostgresSink sink = PostgresSinkTestSupport.sink(schema);
    try {
      if (c.filled()) {
        TableWriter first = sink.open(spec(accounts(), c.mode(), run(1, 11, RUN_1_AT)));
        first.write(List.of(PostgresSinkTestSupport.row(1L, "before", BigDecimal.ONE),
            PostgresSinkTestSupport.row(2L, "before", null), PostgresSinkTestSupport.row(20L, "kept", null)),
            List.of(), at("t0"));
        first.finish();
      }
      TableWriter w = sink.open(spec(accounts(), c.mode(), run(2, 21, RUN_2_AT)));
      List<ChunkOutcome> outcomes = new ArrayList<>();
      for (int i = 0; i < c.chunks().size(); i++) {
        List<Row> rows = c.chunks().get(i);
        List<QuarantinedRecord> bad = List.of(new QuarantinedRecord("q" + i, "{}", List.of("rule " + i)));
        var position = at("t" + i);
        Offer offer = offered ? c.offers().get(i) : Offer.NONE;
        if (offer == Offer.ROLLED_BACK || offer == Offer.FAILED_AFTER_LOAD) {
          ChunkTransaction attempt = sink.beginChunk();
          int backend = backend(sink);
          rows.forEach(w::offer);
          requireCopyUnderWay(backend, rows);
          if (offer == Offer.FAILED_AFTER_LOAD) {
            w.load(rows, bad, position);
          }
          attempt.rollback();
          offer = Offer.ALL;
        }
        Offer how = offer;
        outcomes.add(sink.inChunk(() -> {
          int backend = backend(sink);
          switch (how) {
            case ALL -> rows.forEach(w::offer);
            case ALL_THEN_OTHER_WORK -> {
              rows.forEach(w::offer);
              w.committedPosition();
            }
            case PART -> rows.subList(0, rows.size() / 2).forEach(w::offer);
            case OTHER -> rows.forEach(r -> w.offer(renamed(r)));
            default -> { }
          }
          if (how == Offer.ALL) {
            requireCopyUnderWay(backend, rows);
          }
          return w.load(rows, bad, position);
        }));
      }
      w.verifyCommittedRows();
      w.finish();
      return outcomes;
    } finally {
      sink.close();
    }
  }

  private static Row renamed(Row row) {
    Object[] values = row.values().clone();
    values[1] = "other";
    return new Row(values, row.deleted());
  }

  /** The server process of the chunk transaction open on this thread. */
  private static int backend(PostgresSink sink) {
    return sink.transactions().run("asking for the backend", c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /** The feed is real: after the offers, before the load, the chunk's server process is running a COPY. */
  private static void requireCopyUnderWay(int backend, List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    assertThat(query("SELECT state || ': ' || left(query, 5) FROM pg_stat_activity WHERE pid = " + backend))
        .as("the chunk's server process before its load").containsExactly("active: COPY ");
  }

  /** Target, quarantine and state of {@code schema}, as text read back by PostgreSQL, not by the sink. */
  private static List<List<String>> contents(String schema) {
    return List.of(
        query("SELECT concat_ws('|', coalesce(id::text, 'NULL'), coalesce(name, 'NULL'), coalesce(amount::text, 'NULL'),"
            + " _tributary_run_id, _tributary_deleted) FROM " + schema + ".accounts ORDER BY 1"),
        query("SELECT concat_ws('|', run_id, stream, coalesce(source_key, 'NULL'), reasons) FROM " + schema
            + "._tributary_quarantine ORDER BY 1"),
        query("SELECT concat_ws('|', stream, position, target_rows) FROM " + schema + "._tributary_state"
            + " ORDER BY 1"));
  }
}
