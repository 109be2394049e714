package io.tributary.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.ConfigBinder;
import io.tributary.config.StreamConfig;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A record whose nesting differs from the mapping is quarantined with the reason, never loaded as a silent null. */
@Tag("unit")
class RecordMapperShapeTest {

  private static final StreamSchema SCHEMA = new StreamSchema("inv",
      List.of(Column.of("id", ColumnType.INTEGER), Column.of("total", ColumnType.JSON),
          Column.of("total_amount", ColumnType.STRING)), List.of("id"));

  private static RecordMapper mapper(String fields) {
    StreamConfig s = new ConfigBinder(Path.of("t.yml")).bindYaml("name: inv\nprimary_key: [id]\nfields:\n" + fields,
        StreamConfig.class);
    return RecordMapper.compile(s, SCHEMA, new ObjectMapper());
  }

  private final RecordMapper amount = mapper("""
      - { name: id, type: integer }
      - { name: amount, from: total.amount, type: "decimal(12,2)" }
      """);

  @Test
  void parentThatIsAScalarOrAListIsNamed() {
    assertThat(amount.map(SourceRecord.of(Map.of("id", 2L, "total", 10.5)), null).quarantined().reasons())
        .containsExactly("amount: total.amount not found: total is a number, not an object");
    assertThat(amount.map(SourceRecord.of(Map.of("id", 4L, "total", List.of(Map.of("amount", "1")))), null)
        .quarantined().reasons()).containsExactly("amount: total.amount not found: total is a list, not an object");
  }

  @Test
  void fieldThatIsAnObjectIsNamed() {
    var item = amount.map(SourceRecord.of(Map.of("id", 3L, "total", Map.of("amount", Map.of("value", "1")))), null);
    assertThat(item.quarantined().reasons())
        .containsExactly("amount: total.amount is an object (total.amount.value...), not a value; map a field inside it");
  }

  @Test
  void absentOrNullParentIsAPlainNull() {
    assertThat(amount.map(SourceRecord.of(Map.of("id", 6L)), null).row().values()).containsExactly(6L, null);
    assertThat(amount.map(SourceRecord.of(Map.of("id", 7L, "total", Map.of("currency", "EUR"))), null).row()
        .values()).containsExactly(7L, null);
  }

  @Test
  void jsonFieldKeepsANestedObjectWhole() {
    RecordMapper whole = mapper("""
        - { name: id, type: integer }
        - { name: total, type: json }
        """);
    var item = whole.map(SourceRecord.of(Map.of("id", 1L, "total", Map.of("amount", "10.50"))), null);
    assertThat(item.row().values()).containsExactly(1L, "{\"amount\":\"10.50\"}");
  }
}
