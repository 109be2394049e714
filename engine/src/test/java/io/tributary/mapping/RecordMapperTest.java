package io.tributary.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.ConfigBinder;
import io.tributary.config.StreamConfig;
import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.Cursor;
import io.tributary.core.FieldNames;
import io.tributary.core.JsonText;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RecordMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StreamSchema CSV = new StreamSchema("opps",
      List.of(Column.of("id", ColumnType.STRING), Column.of("Amount", ColumnType.STRING),
          Column.of("stage", ColumnType.STRING), Column.of("close", ColumnType.STRING),
          Column.of("Owner.Name", ColumnType.STRING), Column.of("modified", ColumnType.STRING)),
      List.of());

  private static StreamConfig stream(String yaml) {
    return new ConfigBinder(Path.of("test.yml")).bindYaml(yaml, StreamConfig.class);
  }

  private static final StreamConfig OPPS = stream("""
      name: opps
      primary_key: [id]
      fields:
        - { name: id, type: integer }
        - { name: amount, from: Amount, type: "decimal(12,2)", min: 0 }
        - { name: stage, trim: true, case: lower, enum: [open, won, lost] }
        - { name: close_date, from: close, type: date, format: dd/MM/yyyy }
        - { name: owner_name, from: Owner.Name, max_length: 5 }
        - { name: modified_at, from: modified, type: timestamp }
      """);

  private static Map<String, Object> rec(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void mapsRenamesCoercesAndFlattens() {
    RecordMapper mapper = RecordMapper.compile(OPPS, CSV, JSON);
    MappedItem item = mapper.map(SourceRecord.of(rec("id", "42", "Amount", "1234.5", "stage", "  WON ",
        "close", "31/01/2024", "Owner", rec("Name", "Ann"), "modified", "2024-01-15T10:20:30.000+0100")),
        Cursor.of("id", "42"));
    assertThat(item.isQuarantined()).isFalse();
    assertThat(item.row().values()).containsExactly(42L, new BigDecimal("1234.50"), "won", LocalDate.of(2024, 1, 31),
        "Ann", Instant.parse("2024-01-15T09:20:30Z"));
    assertThat(item.position()).isEqualTo(Cursor.of("id", "42"));
    assertThat(mapper.outputSchema().columnNames())
        .containsExactly("id", "amount", "stage", "close_date", "owner_name", "modified_at");
    assertThat(mapper.outputSchema().primaryKey()).containsExactly("id");
  }

  @Test
  void collectsEveryReasonForOneBadRecord() {
    RecordMapper mapper = RecordMapper.compile(OPPS, CSV, JSON);
    MappedItem item = mapper.map(SourceRecord.of(rec("id", "7", "Amount", "-3", "stage", "maybe",
        "close", "2024-13-45", "Owner", rec("Name", "Bartholomew"), "modified", "yesterday")), null);
    assertThat(item.isQuarantined()).isTrue();
    assertThat(item.quarantined().sourceKey()).isEqualTo("7");
    assertThat(item.quarantined().reasons()).containsExactly(
        "amount: -3.00 is below min 0",
        "stage: 'maybe' is not one of [open, won, lost]",
        "close_date: '2024-13-45' is not a date (dd/MM/yyyy)",
        "owner_name: 11 characters, longer than max_length 5",
        "modified_at: 'yesterday' is not a timestamp (ISO-8601, for example 2024-01-15T10:20:30Z)");
    assertThat(item.quarantined().rawJson()).contains("\"Amount\":\"-3\"").contains("\"Name\":\"Bartholomew\"");
  }

  @Test
  void decimalsAreNeverRounded() {
    RecordMapper mapper = RecordMapper.compile(OPPS, CSV, JSON);
    MappedItem item = mapper.map(SourceRecord.of(rec("id", "1", "Amount", "10.005", "stage", "open")), null);
    assertThat(item.quarantined().reasons())
        .containsExactly("amount: '10.005' has more than 2 decimal places (decimal(12,2) would have to round it)");
  }

  @Test
  void nullPrimaryKeyIsQuarantined() {
    RecordMapper mapper = RecordMapper.compile(OPPS, CSV, JSON);
    MappedItem item = mapper.map(SourceRecord.of(rec("Amount", "1", "stage", "open")), null);
    assertThat(item.quarantined().reasons()).containsExactly("id: required but missing");
  }

  @Test
  void deletedRecordsSkipRulesButKeepTheKey() {
    RecordMapper mapper = RecordMapper.compile(OPPS, CSV, JSON);
    MappedItem item = mapper.map(SourceRecord.deleted(rec("id", "9"), null), null);
    assertThat(item.isQuarantined()).isFalse();
    assertThat(item.row().deleted()).isTrue();
    assertThat(item.row().values()[0]).isEqualTo(9L);
  }

  /**
   * A delete that carries values replaces the row's values (the merge statements), so a carried value is checked like
   * an update's: it was dropped to NULL and the delete loaded (config-space seed 20261227, seen_at 'infinity').
   */
  @Test
  void deletedRecordCarryingValuesIsCheckedLikeAnUpdate() {
    RecordMapper mapper = RecordMapper.compile(OPPS, CSV, JSON);
    MappedItem item = mapper.map(SourceRecord.deleted(rec("id", "9", "stage", "won", "modified", "infinity",
        "Owner", rec("Name", "Bartholomew")), null), null);
    assertThat(item.isQuarantined()).isTrue();
    assertThat(item.quarantined().sourceKey()).isEqualTo("9");
    assertThat(item.quarantined().reasons()).containsExactly("owner_name: 11 characters, longer than max_length 5",
        "modified_at: 'infinity' is outside the timestamps a warehouse can hold (0001-01-01T00:00:00Z to "
            + "9999-12-31T23:59:59.999999Z)");
    MappedItem valid = mapper.map(SourceRecord.deleted(rec("id", "9", "stage", " LOST "), null), null);
    assertThat(valid.isQuarantined()).isFalse();
    assertThat(valid.row().deleted()).isTrue();
    assertThat(valid.row().values()).containsExactly(9L, null, "lost", null, null, null);
  }

  @Test
  void deletedWhenRuleMarksSoftDeletes() {
    StreamConfig s = stream("""
        name: t
        primary_key: [id]
        deleted_when: { field: is_deleted, equals: "true" }
        """);
    StreamSchema schema = new StreamSchema("t",
        List.of(Column.of("id", ColumnType.INTEGER), Column.of("is_deleted", ColumnType.BOOLEAN)), List.of("id"));
    RecordMapper mapper = RecordMapper.compile(s, schema, JSON);
    assertThat(mapper.map(SourceRecord.of(rec("id", 1L, "is_deleted", true)), null).row().deleted()).isTrue();
    assertThat(mapper.map(SourceRecord.of(rec("id", 2L, "is_deleted", false)), null).row().deleted()).isFalse();
  }

  /**
   * A delete that carries values replaces the row's values in the warehouse (docs/reliability.md, soft deletes), so a
   * bad value in it is quarantined like an update's; before, it loaded as NULL over the row's good value (found by
   * the configuration-space tester, seed 20261351).
   */
  @Test
  void aDeleteCarryingABadValueIsQuarantinedNotLoadedAsNull() {
    StreamConfig s = stream("""
        name: t
        primary_key: [id]
        deleted_when: { field: is_deleted, equals: "true" }
        """);
    StreamSchema schema = new StreamSchema("t", List.of(Column.of("id", ColumnType.INTEGER),
        Column.of("seen_at", ColumnType.TIMESTAMP), Column.of("is_deleted", ColumnType.BOOLEAN)), List.of("id"));
    RecordMapper mapper = RecordMapper.compile(s, schema, JSON);
    MappedItem bad = mapper.map(SourceRecord.of(rec("id", 1L, "seen_at", "infinity", "is_deleted", true)), null);
    assertThat(bad.isQuarantined()).isTrue();
    assertThat(bad.quarantined().reasons()).singleElement().asString().startsWith("seen_at: ");
    MappedItem keyOnly = mapper.map(SourceRecord.deleted(rec("id", 2L), null), null);
    assertThat(keyOnly.isQuarantined()).isFalse();
    assertThat(keyOnly.row().values()).containsExactly(2L, null, null);
  }

  @Test
  void jsonFieldKeepsValidJsonTextAndQuarantinesMalformedJson() {
    StreamConfig s = stream("name: t\nprimary_key: [id]\n");
    StreamSchema schema = new StreamSchema("t",
        List.of(Column.of("id", ColumnType.INTEGER), Column.of("doc", ColumnType.JSON)), List.of("id"));
    RecordMapper mapper = RecordMapper.compile(s, schema, JSON);
    for (String valid : List.of("{\"a\": [1, 2.5e3, true, null, \"x\\u00e9\"], \"b\": {}}", "[]", "42", "\"text\"",
        "null", " { \"nested\": [[{\"k\": -0.5}]] } ")) {
      MappedItem item = mapper.map(SourceRecord.of(rec("id", 1L, "doc", valid)), null);
      assertThat(item.isQuarantined()).as(valid).isFalse();
      assertThat(item.row().values()).as(valid).containsExactly(1L, valid);
    }
    for (String malformed : List.of("{\"a\":", "{\"a\" 1}", "[1,]", "{'a': 1}", "\"unterminated", "[\"bad \\q escape\"]",
        "{\"ctl\": \"a\u0001b\"}", "tru", "{\"a\": 1]")) {
      MappedItem item = mapper.map(SourceRecord.of(rec("id", 2L, "doc", malformed)), null);
      assertThat(item.isQuarantined()).as(malformed).isTrue();
      assertThat(item.quarantined().reasons()).as(malformed).singleElement().asString()
          .startsWith("doc: '").endsWith("' is not valid JSON");
    }
  }

  @Test
  void jsonTextFromADatabaseColumnPassesThroughAsItsText() {
    StreamConfig s = stream("name: t\nprimary_key: [id]\n");
    StreamSchema schema = new StreamSchema("t",
        List.of(Column.of("id", ColumnType.INTEGER), Column.of("doc", ColumnType.JSON)), List.of("id"));
    MappedItem item = RecordMapper.compile(s, schema, JSON)
        .map(SourceRecord.of(rec("id", 1L, "doc", new JsonText("{\"a\": [1]}"))), null);
    assertThat(item.row().values()).containsExactly(1L, "{\"a\": [1]}");
  }

  @Test
  void indexedRecordsMapExactlyLikePlainMaps() {
    RecordMapper plain = RecordMapper.compile(OPPS, CSV, JSON);
    RecordMapper indexed = RecordMapper.compile(OPPS, CSV, JSON);
    // "AMOUNT" and "Close" differ in case from the configured names; "Owner.Name" is absent (null)
    FieldNames names = new FieldNames(List.of("id", "AMOUNT", "stage", "Close", "modified"));
    List<Object[]> rows = List.of(
        new Object[] {"42", "1234.5", " WON ", "31/01/2024", "2024-01-15T10:20:30Z"},
        new Object[] {"43", "-1", "maybe", "2024-01-31", null},
        new Object[] {null, "1", "open", null, null});
    for (Object[] values : rows) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        map.put(names.name(i), values[i]);
      }
      MappedItem expected = plain.map(SourceRecord.of(map), null);
      MappedItem actual = indexed.map(SourceRecord.of(names.record(values.clone())), null);
      assertThat(actual.isQuarantined()).isEqualTo(expected.isQuarantined());
      if (expected.isQuarantined()) {
        assertThat(actual.quarantined().reasons()).isEqualTo(expected.quarantined().reasons());
        assertThat(actual.quarantined().sourceKey()).isEqualTo(expected.quarantined().sourceKey());
      } else {
        assertThat(actual.row().values()).containsExactly(expected.row().values());
      }
    }
    MappedItem broken = indexed.map(SourceRecord.of(new FieldNames(List.of("id", "_error"))
        .record(new Object[] {"1", "bad line 7"})), null);
    assertThat(broken.quarantined().reasons()).containsExactly("unparseable record: bad line 7");
  }

  @Test
  void aKeyedRecordComputesItsPositionOnlyWhenAsked() {
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    SourceRecord record = SourceRecord.keyed(rec("id", "42"), f -> {
      asked.incrementAndGet();
      return Cursor.of("id", (String) f.get("id"));
    });
    MappedItem item = RecordMapper.compile(OPPS, CSV, JSON).mapWithPosition(record, record::position);
    assertThat(asked).hasValue(0);
    assertThat(item.position()).isEqualTo(Cursor.of("id", "42"));
    assertThat(asked).hasValue(1);
  }

  @Test
  void passThroughUsesDiscoveredTypesAndSnakeCaseNames() {
    StreamConfig s = stream("name: t\nprimary_key: [Id]\n");
    StreamSchema schema = new StreamSchema("t", List.of(Column.of("Id", ColumnType.STRING),
        Column.decimal("AnnualRevenue", 18, 2), Column.of("SystemModstamp", ColumnType.TIMESTAMP)), List.of("Id"));
    RecordMapper mapper = RecordMapper.compile(s, schema, JSON);
    assertThat(mapper.outputSchema().columnNames()).containsExactly("id", "annual_revenue", "system_modstamp");
    MappedItem item = mapper.map(SourceRecord.of(rec("Id", "001A", "AnnualRevenue", 1.5e6,
        "SystemModstamp", "2024-01-15T10:20:30.000+0000")), null);
    assertThat(item.row().values())
        .containsExactly("001A", new BigDecimal("1500000.00"), Instant.parse("2024-01-15T10:20:30Z"));
  }

  @Test
  void unknownSourceFieldFailsAtCompileWithSuggestion() {
    StreamConfig s = stream("name: opps\nprimary_key: [id]\nfields: [{name: id}, {name: amt, from: Amont}]\n");
    assertThatThrownBy(() -> RecordMapper.compile(s, CSV, JSON))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("field 'amt': the source has no field 'Amont'")
        .satisfies(e -> assertThat(((TributaryException) e).hint()).startsWith("did you mean 'Amount'?"));
  }

  @Test
  void numbersBeyondDoubleAndLongAreRejectedNotMangled() {
    StreamConfig s = stream("""
        name: n
        primary_key: [id]
        fields: [{name: id, type: integer}, {name: d, type: double}]
        """);
    StreamSchema schema = new StreamSchema("n", List.of(), List.of());
    RecordMapper mapper = RecordMapper.compile(s, schema, JSON);
    MappedItem item = mapper.map(SourceRecord.of(rec("id", "99999999999999999999", "d", "1e400")), null);
    assertThat(item.quarantined().reasons()).containsExactly(
        "id: '99999999999999999999' is outside the 64-bit integer range",
        "d: '1e400' is beyond the range of a double");
  }

  @Test
  void piiFieldsAreMaskedHashedOrDroppedInRowsAndQuarantine() throws Exception {
    StreamConfig s = stream("""
        name: people
        primary_key: [id]
        fields:
          - { name: id, pii: hash }
          - { name: card, pii: mask }
          - { name: email, pii: drop }
          - { name: age, type: integer, min: 0 }
        """);
    StreamSchema schema = new StreamSchema("people", List.of(), List.of());
    byte[] key = "k3y".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    RecordMapper mapper = RecordMapper.compile(s, schema, JSON, key);
    assertThat(mapper.outputSchema().columnNames()).containsExactly("id", "card", "age");
    MappedItem ok = mapper.map(SourceRecord.of(rec("id", "42", "card", "4111111111111111", "email", "a@b.c",
        "age", "30")), null);
    // Expected HMAC computed independently: printf %s 42 | openssl dgst -sha256 -hmac k3y
    assertThat(ok.row().values()).containsExactly(
        "ce2d7caed289663313ba19a67f407a6399386128229b71b5677998b370082fdb", "************1111", 30L);
    MappedItem bad = mapper.map(SourceRecord.of(rec("id", "43", "card", "5500000000000004", "email", "x@y.z",
        "age", "-1")), null);
    assertThat(bad.quarantined().rawJson()).contains("************0004").doesNotContain("5500000000000004")
        .doesNotContain("x@y.z").doesNotContain("\"43\"");
  }

  @Test
  void reasonsAndSourceKeysOfPiiFieldsShowTheValueAsLoadedNeverInClear() throws Exception {
    StreamConfig s = stream("""
        name: people
        primary_key: [id]
        fields:
          - { name: id, pii: hash }
          - { name: pin, type: integer, pii: hash }
          - { name: tier, enum: [gold, silver], pii: mask }
          - { name: score, type: integer, min: 0, pii: mask }
        """);
    byte[] key = "k3y".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    RecordMapper mapper = RecordMapper.compile(s, new StreamSchema("people", List.of(), List.of()), JSON, key);
    MappedItem bad = mapper.map(SourceRecord.of(rec("id", "42", "pin", "12ab-clear", "tier", "platinum-clear",
        "score", "-12345")), null);
    // HMAC of "42" with key k3y, as in the test above (openssl dgst -sha256 -hmac k3y)
    assertThat(bad.quarantined().sourceKey())
        .isEqualTo("ce2d7caed289663313ba19a67f407a6399386128229b71b5677998b370082fdb");
    String reasons = String.join("\n", bad.quarantined().reasons());
    // printf %s 12ab-clear | openssl dgst -sha256 -hmac k3y = aa3414006ff9cb2e…; the reason shows it abbreviated
    assertThat(reasons)
        .contains("pin: 'aa3414006ff9cb2e0b88b274858d9558c72d5e07ff727669f344ea5f9...' is not an integer")
        .contains("tier: '**********lear' is not one of [gold, silver]")
        .contains("score: **2345 is below min 0")
        .doesNotContain("12ab-clear").doesNotContain("platinum-clear").doesNotContain("-12345");

    MappedItem broken = mapper.map(SourceRecord.of(rec("_raw", "{\"id\": 7, \"tier\": gold-clear-value",
        "_error", "invalid JSON in p.jsonl line 3: Unrecognized token 'gold-clear-value': was expecting a value")),
        null);
    assertThat(broken.quarantined().rawJson()).doesNotContain("gold-clear-value").contains("withheld");
    assertThat(broken.quarantined().reasons()).singleElement().asString()
        .startsWith("unparseable record: invalid JSON in p.jsonl line 3: Unrecognized token").contains("withheld")
        .doesNotContain("gold-clear-value");
  }

  @Test
  void aStreamWithoutPiiFieldsKeepsTheTextOfAnUnparsedRecord() {
    RecordMapper mapper = RecordMapper.compile(OPPS, CSV, JSON);
    MappedItem broken = mapper.map(SourceRecord.of(rec("_raw", "1,2,3", "_error", "file o.csv record 1: expected 6"
        + " values, found 3")), null);
    assertThat(broken.quarantined().rawJson()).contains("1,2,3");
    assertThat(broken.quarantined().reasons()).containsExactly("unparseable record: file o.csv record 1: expected 6"
        + " values, found 3");
  }
}
