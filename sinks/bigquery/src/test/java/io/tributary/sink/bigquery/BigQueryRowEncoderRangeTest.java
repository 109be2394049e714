package io.tributary.sink.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.bigquery.StandardSQLTypeName;
import io.tributary.core.Row;
import io.tributary.core.RunInfo;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A date or timestamp beyond BigQuery's 0001..9999 refuses its row, not the load (issue 16, finding 8). */
@Tag("unit")
class BigQueryRowEncoderRangeTest {

  @Test
  void valuesBeyondBigQueryRangeAreRefusedRowByRow() throws Exception {
    BigQueryTableLayout layout = new BigQueryTableLayout("p", "d", "t", List.of("id", "at", "day"),
        List.of(StandardSQLTypeName.INT64, StandardSQLTypeName.TIMESTAMP, StandardSQLTypeName.DATE), List.of("id"));
    List<Row> rows = List.of(
        new Row(new Object[] {1L, Instant.parse("2024-01-01T00:00:00Z"), LocalDate.of(2024, 1, 1)}, false),
        new Row(new Object[] {2L, Instant.parse("+300000-01-01T00:00:00Z"), null}, false),
        new Row(new Object[] {3L, null, LocalDate.of(0, 1, 1)}, false));
    List<String> refused = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int written = new BigQueryRowEncoder(layout, new RunInfo("j", 1, 1, Instant.EPOCH))
        .writeRows(out, rows, 0, (i, reason) -> refused.add(i + " " + reason));

    assertThat(written).isEqualTo(1);
    assertThat(out.toString()).contains("\"id\":\"1\"").doesNotContain("\"id\":\"2\"");
    assertThat(refused).containsExactly(
        "1 column at: timestamp +300000-01-01T00:00:00Z is outside BigQuery's range (0001-01-01 00:00:00 to"
            + " 9999-12-31 23:59:59.999999 UTC)",
        "2 column day: date 0000-01-01 is outside BigQuery's range (0001-01-01 to 9999-12-31)");
  }
}
