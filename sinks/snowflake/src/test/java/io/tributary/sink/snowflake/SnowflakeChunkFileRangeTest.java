package io.tributary.sink.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import io.tributary.sink.jdbc.TableLayout;
import io.tributary.sink.staged.StagedChunkFile;
import io.tributary.sink.staged.StagedType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A date or timestamp beyond Snowflake's years 0..9999 refuses its row, not the chunk (issue 16, finding 8). */
@Tag("unit")
class SnowflakeChunkFileRangeTest {

  @TempDir
  Path dir;

  @Test
  void valuesBeyondSnowflakeRangeAreRefusedRowByRow() throws Exception {
    TableLayout<StagedType> layout = new TableLayout<>(SnowflakeDialect.INSTANCE, "S", "T",
        List.of("ID", "AT", "DAY"),
        List.of(SnowflakeDialect.TYPES.decimal(38, 0), SnowflakeDialect.TYPES.of(StagedType.Family.TIMESTAMP),
            SnowflakeDialect.TYPES.of(StagedType.Family.DATE)), List.of("ID"));
    List<Row> rows = List.of(
        new Row(new Object[] {1L, Instant.parse("2024-01-01T00:00:00Z"), LocalDate.of(2024, 1, 1)}, false),
        new Row(new Object[] {2L, Instant.parse("+300000-01-01T00:00:00Z"), null}, false),
        new Row(new Object[] {3L, null, LocalDate.of(10_000, 1, 1)}, false));

    StagedChunkFile.Written written = new StagedChunkFile(layout, new RunInfo("j", 1, 1, Instant.EPOCH),
        SnowflakeDialect.CHUNK_FORMAT, 0).write(dir.resolve("c.csv.gz"), rows, 0);

    assertThat(written.rows()).isEqualTo(1);
    assertThat(written.rejected()).extracting(r -> r.rowIndex() + " " + r.reason()).containsExactly(
        "1 column AT: timestamp +300000-01-01T00:00:00Z is outside Snowflake's range (years 0 to 9999)",
        "2 column DAY: date +10000-01-01 is outside Snowflake's range (years 0 to 9999)");
  }
}
