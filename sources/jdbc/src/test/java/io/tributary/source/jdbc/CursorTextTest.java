package io.tributary.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.ColumnType;
import io.tributary.core.TributaryException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Saved cursor text read back as the column's own type (issue 16, finding 2). */
@Tag("unit")
class CursorTextTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final JdbcColumn WALL_CLOCK =
      new JdbcColumn("updated_at", ColumnType.TIMESTAMP, 0, 0, false, false, "timestamp");
  private static final JdbcColumn ZONED =
      new JdbcColumn("updated_at", ColumnType.TIMESTAMP, 0, 0, false, true, "timestamptz");

  @Test
  void aWallClockCursorIsReadAsTheWallClockValueItWasSavedAs() {
    assertThat(CursorText.wallClock("2024-03-31T02:30:00", WALL_CLOCK, BERLIN))
        .isEqualTo(LocalDateTime.of(2024, 3, 31, 2, 30));
    assertThat(JdbcValues.format(LocalDateTime.of(2024, 3, 31, 2, 30))).isEqualTo("2024-03-31T02:30:00");
    assertThat(JdbcValues.format(LocalDateTime.MAX)).isEqualTo("+999999999-12-31T23:59:59.999999999");
    assertThat(CursorText.wallClock("+999999999-12-31T23:59:59.999999999", WALL_CLOCK, BERLIN))
        .isEqualTo(LocalDateTime.MAX);
  }

  @Test
  void anInstantSavedByAnOlderVersionResumesAtMostOneGapEarlierNeverLater() {
    // 02:30 in the Berlin gap was saved as the instant of 03:30 CEST (01:30Z): resume at 02:30, before every row
    // the old cursor may have come from.
    assertThat(CursorText.wallClock("2024-03-31T01:30:00Z", WALL_CLOCK, BERLIN))
        .isEqualTo(LocalDateTime.of(2024, 3, 31, 2, 30));
    // away from a gap the old instant maps back exactly (an overlap time was saved with its earlier offset)
    assertThat(CursorText.wallClock("2024-03-31T02:30:00Z", WALL_CLOCK, BERLIN))
        .isEqualTo(LocalDateTime.of(2024, 3, 31, 4, 30));
    assertThat(CursorText.savedAsInstant(Instant.parse("2024-10-27T00:30:00Z"), BERLIN))
        .isEqualTo(LocalDateTime.of(2024, 10, 27, 2, 30));
    assertThat(CursorText.savedAsInstant(Instant.parse("2024-01-15T09:00:00Z"), ZoneId.of("UTC")))
        .isEqualTo(LocalDateTime.of(2024, 1, 15, 9, 0));
  }

  @Test
  void aWallClockCursorOnAColumnThatBecameTimestamptzIsAConfigError() {
    assertThat(CursorText.instant("2024-03-31T00:30:00Z", ZONED)).isEqualTo(Instant.parse("2024-03-31T00:30:00Z"));
    assertThatThrownBy(() -> CursorText.instant("2024-03-31T02:30:00", ZONED))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("cursor value '2024-03-31T02:30:00' for column updated_at is not a timestamptz");
  }
}
