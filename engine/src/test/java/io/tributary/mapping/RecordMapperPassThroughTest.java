package io.tributary.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.ConfigBinder;
import io.tributary.config.StreamConfig;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.EncodedRow;
import io.tributary.core.RowEncoding;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which mappings change no value, so a source may hand its rows through in the sink's encoding. */
@Tag("unit")
class RecordMapperPassThroughTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StreamSchema SOURCE = new StreamSchema("t",
      List.of(new Column("id", ColumnType.INTEGER, 0, 0, false), new Column("name", ColumnType.STRING, 0, 0, true),
          new Column("amount", ColumnType.DECIMAL, 12, 2, true), new Column("updated_at", ColumnType.TIMESTAMP, 0, 0,
              true)),
      List.of("id"));

  private static Optional<List<String>> fields(String yaml) {
    StreamConfig s = new ConfigBinder(Path.of("test.yml")).bindYaml(yaml, StreamConfig.class);
    return RecordMapper.compile(s, SOURCE, JSON, new byte[32]).passThroughFields(SOURCE);
  }

  @Test
  void everyColumnAsDiscoveredPassesThrough() {
    assertThat(fields("{ name: t, primary_key: [id], cursor: updated_at }"))
        .contains(List.of("id", "name", "amount", "updated_at"));
  }

  @Test
  void renamesAndTheSameTypeSpelledOutPassThrough() {
    assertThat(fields("""
        name: t
        primary_key: [id]
        fields:
          - { name: id, type: integer }
          - { name: label, from: name }
          - { name: amount, type: "decimal(12,2)" }
        """)).contains(List.of("id", "name", "amount"));
  }

  @Test
  void aRuleACastAPiiTransformOrADeleteRuleReadsTypedValues() {
    String head = "{ name: t, primary_key: [id], fields: [ { name: id }, ";
    assertThat(fields(head + "{ name: name, max_length: 5 } ] }")).isEmpty();
    assertThat(fields(head + "{ name: name, required: true } ] }")).isEmpty();
    assertThat(fields(head + "{ name: name, trim: true } ] }")).isEmpty();
    assertThat(fields(head + "{ name: name, pii: hash } ] }")).isEmpty();
    assertThat(fields(head + "{ name: amount, type: \"decimal(14,2)\" } ] }")).isEmpty();
    assertThat(fields(head + "{ name: amount, type: double } ] }")).isEmpty();
    assertThat(fields(head + "{ name: updated_at, timezone: Europe/Berlin } ] }")).isEmpty();
    assertThat(fields("{ name: t, primary_key: [id], deleted_when: { field: name, equals: x } }")).isEmpty();
  }

  @Test
  void anEncodedRecordBecomesAnEncodedRowUnmapped() {
    StreamConfig s = new ConfigBinder(Path.of("test.yml")).bindYaml("{ name: t, primary_key: [id] }",
        StreamConfig.class);
    EncodedRow bytes = new EncodedRow(RowEncoding.POSTGRESQL_BINARY, new byte[] {0, 0, 0, 8}, 0, 4);
    MappedItem item = RecordMapper.compile(s, SOURCE, JSON).map(SourceRecord.encoded(Map.of("id", 1L), bytes,
        f -> null), null);
    assertThat(item.isQuarantined()).isFalse();
    assertThat(item.row().encoded()).isSameAs(bytes);
    assertThat(item.row().values()).isNull();
  }
}
