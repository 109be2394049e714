package io.tributary.config;

import io.tributary.core.Durations;

import io.tributary.core.WriteMode;
import java.time.Duration;
import java.util.Optional;

/**
 * The legal combinations of a stream's mode, cursor, lookback, partitions, deletes and primary key, in one place.
 * Every combination either passes or is refused here, at load, with the field to change and the fix; the table of
 * legal combinations in docs/jobs.md is this class in prose, and StreamModeMatrixIT runs every cell end to end.
 * Deletes ({@code deleted_when}, or a source's own delete flags) are legal in every mode: merge marks the row,
 * append logs the deletion as a row, replace copies the flagged row.
 */
public final class StreamModeRules {

  /** Why a stream's combination is refused: the field under {@code streams[i]}, what is wrong and the fix. */
  public record Refusal(String field, String what, String fix) {}

  private StreamModeRules() {}

  /** The first rule the stream breaks, or empty when its combination is legal. */
  public static Optional<Refusal> check(StreamConfig s) {
    WriteMode mode = s.modeOrDefault();
    if (mode == WriteMode.MERGE && s.primaryKeyOrEmpty().isEmpty()) {
      return refuse("primary_key", "missing: mode merge needs a primary key",
          "add 'primary_key: [id]' (the source field(s) that identify a record) or use 'mode: append'");
    }
    if (s.cursorOrEmpty().size() > 1) {
      return refuse("cursor", "only one cursor field is supported",
          "name the one field that grows on every change, for example 'cursor: updated_at'");
    }
    if (s.partitionsOrDefault() > 1 && mode != WriteMode.MERGE) {
      return refuse("partitions", "partitions need mode merge (the stream is " + name(mode) + ")",
          "parts of a stream load at once and are retried independently, which only merge by key makes safe:"
              + " use 'mode: merge' with a primary_key, or remove 'partitions:'");
    }
    return lookback(s, mode);
  }

  private static Optional<Refusal> lookback(StreamConfig s, WriteMode mode) {
    Duration lookback = Durations.parse(s.lookback());
    if (lookback.isNegative()) {
      return refuse("lookback", "'" + s.lookback() + "' is negative", "write how far back to re-read, like 10m");
    }
    if (lookback.isZero()) {
      return Optional.empty();
    }
    if (s.cursorOrEmpty().isEmpty()) {
      return refuse("lookback", "a lookback needs a cursor: without one there is no watermark to step back from",
          "add 'cursor: <field that grows on every change>', or remove 'lookback:'");
    }
    if (mode == WriteMode.APPEND) {
      return refuse("lookback", "mode append with a lookback appends the re-read window again on every run",
          "use 'mode: merge' with a primary_key (re-read rows then update in place), or remove 'lookback:'"
              + " (append then loads each change once)");
    }
    if (mode == WriteMode.REPLACE) {
      return refuse("lookback", "mode replace reads the whole stream on every run, so a lookback has nothing to"
          + " re-read", "remove 'lookback:'");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(String field, String what, String fix) {
    return Optional.of(new Refusal(field, what, fix));
  }

  private static String name(WriteMode mode) {
    return mode.name().toLowerCase(java.util.Locale.ROOT);
  }
}
