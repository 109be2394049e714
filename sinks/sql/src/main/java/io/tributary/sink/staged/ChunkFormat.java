package io.tributary.sink.staged;

import io.tributary.sink.TemporalRange;
import java.time.format.DateTimeFormatter;
import java.util.function.UnaryOperator;

/**
 * How one warehouse reads the values of a chunk file ({@link StagedChunkFile}): its timestamp text, the dates it
 * holds, its longest text, how JSON must look for its parser and how it spells the special doubles.
 *
 * @param warehouse the warehouse's name in refusals
 * @param timestamp formats an instant (UTC) as the warehouse's COPY reads it
 * @param range the dates and timestamps the warehouse holds; a wider value refuses its row, not the load
 * @param maxTextBytes the longest text a column holds, in UTF-8 bytes
 * @param textLimit the limit in words, for the refusal: {@code Snowflake's 16 MB VARCHAR limit}
 * @param json makes JSON text acceptable to the warehouse's parser, or throws IllegalArgumentException
 * @param nan the text of NaN, then of positive and negative infinity
 */
public record ChunkFormat(String warehouse, DateTimeFormatter timestamp, TemporalRange range, int maxTextBytes,
    String textLimit, UnaryOperator<String> json, String nan, String infinity, String negativeInfinity) {

  /**
   * ISO-8601 UTC timestamps with {@code fractionDigits} digits and the offset written out, dates from the year
   * {@code firstYear} to 9999, text up to {@code maxTextMegabytes} MB.
   */
  public static ChunkFormat iso(String warehouse, int fractionDigits, int firstYear, int maxTextMegabytes,
      UnaryOperator<String> json, String... nanAndInfinities) {
    return new ChunkFormat(warehouse, DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss." + "S".repeat(fractionDigits)
        + "'+00:00'").withZone(java.time.ZoneOffset.UTC), TemporalRange.years(warehouse, firstYear),
        maxTextMegabytes * 1024 * 1024, warehouse + "'s " + maxTextMegabytes + " MB limit of a text value", json,
        nanAndInfinities[0], nanAndInfinities[1], nanAndInfinities[2]);
  }
}
