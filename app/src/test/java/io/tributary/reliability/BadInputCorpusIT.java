package io.tributary.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus through the real engine (file drop → DuckDB, CLI in-process). Every case ends in exactly one
 * of: a correct load, quarantine rows with a precise reason, or exit 2 with a fix hint; never a bare stack trace and
 * never a silent drop (records in the file = rows loaded + records quarantined). Expected values are written out
 * from the input here, not read back from the engine. The outcome of each case goes to
 * {@code target/reliability/bad-input.md}, the table in docs/reliability.md.
 */
@Tag("db")
class BadInputCorpusIT {

  private static final Map<String, String> REPORT = new ConcurrentSkipListMap<>();

  @TempDir
  Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void wrongTypesAreQuarantinedNamingFieldAndValue(TestInfo t) throws Exception {
    var o = load("csv", utf8("""
        id,qty,amount,active,born
        1,3,1.50,true,2024-01-02
        2,three,1.50,true,2024-01-02
        3,3,abc,true,2024-01-02
        4,3,1.50,maybe,2024-01-02
        5,2.5,1.50,yes,2024-01-02
        6,3,1.50,false,yesterday
        """), """
        fields:
          - { name: id, type: integer }
          - { name: qty, type: integer }
          - { name: amount, type: "decimal(10,2)" }
          - { name: active, type: boolean }
          - { name: born, type: date }
        """);
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).hasSize(1).first().satisfies(r -> {
      assertThat(r.get("qty")).isEqualTo(3L);
      assertThat(r.get("amount")).isEqualTo(new BigDecimal("1.50"));
    });
    assertThat(o.quarantine()).containsExactly(
        "2 qty: 'three' is not an integer",
        "3 amount: 'abc' is not a decimal number",
        "4 active: 'maybe' is not a boolean (true/false)",
        "5 qty: '2.5' is not a whole number",
        "6 born: 'yesterday' is not a date (yyyy-MM-dd)");
    noSilentDrop(o, 6);
    report(t, "wrong types (text in integer/decimal/boolean/date, 2.5 as integer)", "quarantine", o);
  }

  @Test
  void nullOrMissingPrimaryKeysAreQuarantined(TestInfo t) throws Exception {
    var o = load("csv", utf8("""
        id,name
        1,a
        ,b
        3,c
        """), "fields: [ { name: id, type: integer }, { name: name } ]");
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("id")).containsExactly(1L, 3L);
    assertThat(o.quarantine()).hasSize(1);
    assertThat(o.quarantine().get(0)).contains("id: required");
    noSilentDrop(o, 3);
    report(t, "null primary key", "quarantine", o);
  }

  @Test
  void duplicateKeysInOnePageKeepTheLastVersion(TestInfo t) throws Exception {
    var o = load("csv", utf8("""
        id,name
        1,first
        2,only
        1,second
        1,third
        """), "fields: [ { name: id, type: integer }, { name: name } ]");
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("id") + "=" + r.get("name")).containsExactly("1=third", "2=only");
    assertThat(o.quarantine()).isEmpty();
    assertThat(o.output()).containsPattern("s\\s+merge\\s+4\\s+4\\s+0");
    report(t, "duplicate primary keys within one page (merge)", "load: last version wins", o);
  }

  @Test
  void oneMegabyteTextFieldsLoadWhole(TestInfo t) throws Exception {
    String big = "x".repeat(1 << 20);
    String bigUnicode = "é".repeat(1 << 19);
    var o = load("csv", utf8("id,body\n1," + big + "\n2," + bigUnicode + "\n3,small\n"),
        "fields: [ { name: id, type: integer }, { name: body } ]");
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("body")).containsExactly(big, bigUnicode, "small");
    noSilentDrop(o, 3);
    report(t, "1 MB text fields (ASCII and 2-byte UTF-8)", "load", o);
  }

  @Test
  void oneMegabyteOverMaxLengthIsQuarantinedNotTruncated(TestInfo t) throws Exception {
    var o = load("jsonl", utf8("{\"id\":1,\"body\":\"" + "y".repeat(1 << 20) + "\"}\n{\"id\":2,\"body\":\"ok\"}\n"),
        "fields: [ { name: id, type: integer }, { name: body, max_length: 1000 } ]");
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("body")).containsExactly("ok");
    assertThat(o.quarantine()).containsExactly("1 body: 1048576 characters, longer than max_length 1000");
    noSilentDrop(o, 2);
    report(t, "1 MB text over max_length", "quarantine", o);
  }

  @Test
  void emojiAndAstralCharactersRoundTrip(TestInfo t) throws Exception {
    String family = "👨‍👩‍👧‍👦";
    String mixed = "naïve café 日本語 𝄞 🇵🇹 " + family;
    var o = load("csv", utf8("id,name\n1,\"" + mixed + "\"\n2," + family + "\n"),
        "fields: [ { name: id, type: integer }, { name: name, max_length: 11 } ]");
    assertThat(o.exitCode()).as(o.output()).isZero();
    // max_length counts characters (code points): the family emoji is 7 code points, the mixed text 27.
    assertThat(o.rows()).extracting(r -> r.get("name")).containsExactly(family);
    assertThat(o.quarantine()).containsExactly("1 name: 27 characters, longer than max_length 11");
    noSilentDrop(o, 2);
    report(t, "emoji, ZWJ sequences, astral plane; max_length in code points", "load / quarantine", o);
  }

  @Test
  void invalidUtf8FailsWithAnEncodingHint(TestInfo t) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(utf8("id,name\n1,ok\n2,caf"));
    bytes.write(0xE9); // Latin-1 é in a file read as UTF-8
    bytes.writeBytes(utf8("\n3,ok\n"));
    var o = load("csv", bytes.toByteArray(), "fields: [ { name: id, type: integer }, { name: name } ]");
    assertThat(o.exitCode()).as(o.output()).isEqualTo(2);
    assertThat(o.output()).contains("error: file s.csv is unreadable").contains("it is not valid UTF-8")
        .contains("fix: ").contains("options.encoding").doesNotContain("\tat ");
    assertThat(o.rows()).isEmpty();
    report(t, "invalid UTF-8 byte (Latin-1 é in a UTF-8 file)", "exit 2: set options.encoding", o);
  }

  @Test
  void latin1FileLoadsWithItsEncoding(TestInfo t) throws Exception {
    var o = load("csv", "id,name\n1,café\n".getBytes(StandardCharsets.ISO_8859_1),
        "options: { pattern: \"s.csv\", encoding: ISO-8859-1 }\nfields: [ { name: id, type: integer }, { name: name } ]");
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("name")).containsExactly("café");
    report(t, "the same file with options.encoding: ISO-8859-1", "load", o);
  }

  @Test
  void csvWithEmbeddedNewlinesQuotesAndDelimiters(TestInfo t) throws Exception {
    var o = load("csv", utf8("id,note\r\n"
        + "1,\"line one\nline two\"\r\n"
        + "2,\"she said \"\"hi\"\", then left\"\r\n"
        + "3,\"a,b,c\"\r\n"
        + "4,\"\"\"\"\r\n"
        + "5,\"trailing CR\r\"\r\n"), "fields: [ { name: id, type: integer }, { name: note } ]");
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("note")).containsExactly(
        "line one\nline two", "she said \"hi\", then left", "a,b,c", "\"", "trailing CR\r");
    noSilentDrop(o, 5);
    report(t, "CSV with embedded newlines, doubled quotes, delimiters, CRLF", "load", o);
  }

  @Test
  void csvRowWithTheWrongNumberOfValuesIsQuarantined(TestInfo t) throws Exception {
    var o = load("csv", utf8("id,a,b\n1,x,y\n2,x\n3,x,y,z\n4,x,y\n"),
        "fields: [ { name: id, type: integer }, { name: a }, { name: b } ]");
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("id")).containsExactly(1L, 4L);
    assertThat(o.quarantine()).hasSize(2).allSatisfy(q -> assertThat(q).contains("expected 3 values, found"));
    noSilentDrop(o, 4);
    report(t, "CSV row with too few / too many values", "quarantine", o);
  }

  @Test
  void csvWithAnUnbalancedQuoteFailsWithAHint(TestInfo t) throws Exception {
    var o = load("csv", utf8("id,a\n1,x\n2,\"never closed\n3,y\n"),
        "fields: [ { name: id, type: integer }, { name: a } ]");
    report(t, "CSV with an unbalanced quote", outcomeOf(o), o);
    assertThat(o.exitCode()).as(o.output()).isIn(0, 2);
    if (o.exitCode() == 2) {
      assertThat(o.output()).contains("fix: ").doesNotContain("\tat ");
    } else {
      noSilentDrop(o, 2);
    }
  }

  @Test
  void jsonWithUnexpectedNesting(TestInfo t) throws Exception {
    var o = load("jsonl", utf8("""
        {"id":1,"total":{"amount":"10.50","currency":"EUR"}}
        {"id":2,"total":10.5}
        {"id":3,"total":{"amount":{"value":"1","scale":2},"currency":"EUR"}}
        {"id":4,"total":[{"amount":"1.00"}]}
        {"id":5,"total":{"amount":"2.00","currency":"EUR","extra":{"a":{"b":{"c":{"d":1}}}}}}
        {"id":6}
        [1,2,3]
        {"id":7,"total":{"amount":"3.00"}
        """), """
        fields:
          - { name: id, type: integer }
          - { name: amount, from: total.amount, type: "decimal(12,2)" }
          - { name: currency, from: total.currency }
        """);
    report(t, "JSON with unexpected nesting (scalar, object, array where an object is expected; not an object;"
        + " truncated)", outcomeOf(o), o);
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("id") + "=" + r.get("amount") + "/" + r.get("currency"))
        .containsExactly("1=10.50/EUR", "5=2.00/EUR", "6=null/null");
    assertThat(o.quarantine()).containsExactly(
        " unparseable record: invalid JSON in s.jsonl line 7: the line is JSON but not an object",
        " unparseable record: invalid JSON in s.jsonl line 8: Unexpected end-of-input: expected close marker for"
            + " Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled);"
            + " line: 1, column: 1])",
        "2 amount: total.amount not found: total is a number, not an object;"
            + " currency: total.currency not found: total is a number, not an object",
        "3 amount: total.amount is an object (total.amount.value...), not a value; map a field inside it",
        "4 amount: total.amount not found: total is a list, not an object;"
            + " currency: total.currency not found: total is a list, not an object");
    noSilentDrop(o, 8);
  }

  @Test
  void datesInOddFormats(TestInfo t) throws Exception {
    var o = load("csv", utf8("""
        id,d,ts
        1,2024-02-29,2024-02-29T10:20:30Z
        2,2023-02-29,2024-01-01T00:00:00Z
        3,2024-13-01,2024-01-01T00:00:00Z
        4,2024-01-01,2024-01-01T10:00:00+0000
        5,2024-01-01,/Date(1700000000000)/
        6,2024-01-01,2024-01-01 10:00:00
        7,20240101,2024-01-01T00:00:00Z
        8,2024-01-01,1700000000000
        9,2024-01-01,2024-06-01T12:00:00+05:30
        10,0001-01-01,9999-12-31T23:59:59Z
        """), """
        fields:
          - { name: id, type: integer }
          - { name: d, type: date }
          - { name: ts, type: timestamp }
        """);
    report(t, "dates and timestamps in odd formats (Feb 29 in a non-leap year, month 13, +0000, /Date()/,"
        + " space separator, basic ISO, epoch without format, +05:30, year 1 and 9999)", outcomeOf(o), o);
    assertThat(o.exitCode()).as(o.output()).isZero();
    Map<Object, Map<String, Object>> byId = byId(o);
    assertThat(byId.get(1L).get("d")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(instant(byId.get(4L).get("ts"))).isEqualTo(OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC));
    assertThat(instant(byId.get(5L).get("ts"))).isEqualTo(OffsetDateTime.of(2023, 11, 14, 22, 13, 20, 0,
        ZoneOffset.UTC));
    assertThat(instant(byId.get(9L).get("ts"))).isEqualTo(OffsetDateTime.of(2024, 6, 1, 6, 30, 0, 0,
        ZoneOffset.UTC));
    assertThat(byId.get(10L).get("d")).isEqualTo(LocalDate.of(1, 1, 1));
    assertThat(o.quarantine()).anySatisfy(q -> assertThat(q).startsWith("2 d: '2023-02-29' is not a date"))
        .anySatisfy(q -> assertThat(q).startsWith("3 d: '2024-13-01' is not a date"))
        .anySatisfy(q -> assertThat(q).startsWith("7 d: '20240101' is not a date"))
        .anySatisfy(q -> assertThat(q).startsWith("8 ts: '1700000000000' is not a timestamp"));
    noSilentDrop(o, 10);
  }

  @Test
  void numbersBeyondDoubleRange(TestInfo t) throws Exception {
    var o = load("jsonl", utf8("""
        {"id":1,"x":1.5,"big":"123456789012345678901234567890.12","n":9223372036854775807}
        {"id":2,"x":1e400,"big":"1","n":1}
        {"id":3,"x":"-1e309","big":"1","n":1}
        {"id":4,"x":1,"big":"1e40","n":1}
        {"id":5,"x":1,"big":"1","n":9223372036854775808}
        {"id":6,"x":"NaN","big":"1","n":1}
        {"id":7,"x":4.9e-325,"big":"1","n":1}
        """), """
        fields:
          - { name: id, type: integer }
          - { name: x, type: double }
          - { name: big, type: "decimal(38,2)" }
          - { name: n, type: integer }
        """);
    report(t, "numbers beyond double / decimal(38,2) / 64-bit range, NaN, underflow", outcomeOf(o), o);
    assertThat(o.exitCode()).as(o.output()).isZero();
    Map<Object, Map<String, Object>> byId = byId(o);
    assertThat(byId.get(1L).get("big")).isEqualTo(new BigDecimal("123456789012345678901234567890.12"));
    assertThat(byId.get(1L).get("n")).isEqualTo(Long.MAX_VALUE);
    assertThat(o.quarantine())
        .anySatisfy(q -> assertThat(q).startsWith("2 x: ").contains("beyond the range of a double"))
        .anySatisfy(q -> assertThat(q).startsWith("3 x: ").contains("beyond the range of a double"))
        .anySatisfy(q -> assertThat(q).startsWith("4 big: ").contains("does not fit decimal(38,2)"))
        .anySatisfy(q -> assertThat(q).startsWith("5 n: ").contains("outside the 64-bit integer range"))
        .anySatisfy(q -> assertThat(q).isEqualTo("6 x: 'NaN' is not a number (NaN)"));
    assertThat(byId.get(7L).get("x")).as("4.9e-325 underflows a double to 0, as IEEE 754 defines").isEqualTo(0.0);
    noSilentDrop(o, 7);
  }

  @Test
  void nulCharactersAndControlCharactersInText(TestInfo t) throws Exception {
    var o = load("jsonl", utf8("{\"id\":1,\"s\":\"a\\u0000b\"}\n{\"id\":2,\"s\":\"tab\\there\\u0007\"}\n"),
        "fields: [ { name: id, type: integer }, { name: s } ]");
    report(t, "NUL and control characters in text", outcomeOf(o), o);
    assertThat(o.exitCode()).as(o.output()).isZero();
    noSilentDrop(o, 2);
    assertThat(byId(o).get(2L).get("s")).isEqualTo("tab\there\u0007");
  }

  @Test
  void nulCharacterIntoPostgresIsQuarantinedNotAFailedChunk(TestInfo t) throws Exception {
    var o = new BadInputLoad(dir).runPostgres("jsonl",
        utf8("{\"id\":1,\"s\":\"a\\u0000b\"}\n{\"id\":2,\"s\":\"fine\"}\n"),
        "fields: [ { name: id, type: integer }, { name: s } ]");
    report(t, "NUL character in text into PostgreSQL (text cannot hold U+0000)", outcomeOf(o), o);
    assertThat(o.output()).doesNotContain("\tat ");
    assertThat(o.exitCode()).as(o.output()).isZero();
    assertThat(o.rows()).extracting(r -> r.get("s")).containsExactly("fine");
    assertThat(o.quarantine()).hasSize(1).first().asString()
        .isEqualTo("1 column s: text contains a NUL character, which PostgreSQL cannot store");
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private BadInputLoad.Outcome load(String ext, byte[] bytes, String streamYaml) throws Exception {
    return new BadInputLoad(dir).run(ext, bytes, streamYaml);
  }

  private static void noSilentDrop(BadInputLoad.Outcome o, int recordsInFile) {
    assertThat(o.output()).doesNotContain("\tat ");
    assertThat(o.rows().size() + o.quarantine().size()).as("records in the file = loaded + quarantined")
        .isEqualTo(recordsInFile);
  }

  private static Map<Object, Map<String, Object>> byId(BadInputLoad.Outcome o) {
    Map<Object, Map<String, Object>> m = new java.util.HashMap<>();
    o.rows().forEach(r -> m.put(r.get("id"), r));
    return m;
  }

  private static OffsetDateTime instant(Object ts) {
    if (ts instanceof OffsetDateTime odt) {
      return odt.withOffsetSameInstant(ZoneOffset.UTC);
    }
    if (ts instanceof java.sql.Timestamp s) {
      return s.toInstant().atOffset(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(String.valueOf(ts));
  }

  private static String outcomeOf(BadInputLoad.Outcome o) {
    if (o.exitCode() != 0) {
      return "exit " + o.exitCode();
    }
    return o.quarantine().isEmpty() ? "load" : "load + quarantine";
  }

  private static void report(TestInfo t, String input, String outcome, BadInputLoad.Outcome o) {
    String reasons = o.exitCode() != 0 ? firstLine(o.output(), "error: ")
        : String.join("<br>", o.quarantine().stream().map(BadInputCorpusIT::abbreviate).toList());
    REPORT.put(t.getTestMethod().orElseThrow().getName(), "| " + input + " | " + outcome + " | " + o.rows().size()
        + " | " + o.quarantine().size() + " | " + reasons.replace("|", "\\|") + " |");
  }

  private static String abbreviate(String s) {
    return s.length() > 110 ? s.substring(0, 107) + "..." : s;
  }

  private static String firstLine(String output, String prefix) {
    int i = output.indexOf(prefix);
    if (i < 0) {
      return "";
    }
    int end = output.indexOf('\n', output.indexOf('\n', i) + 1);
    return abbreviate(output.substring(i, end < 0 ? output.length() : end).replace('\n', ' ').strip());
  }

  @AfterAll
  static void writeReport() throws IOException {
    Path out = Path.of("target/reliability/bad-input.md");
    Files.createDirectories(out.getParent());
    StringBuilder md = new StringBuilder("| input | outcome | loaded | quarantined | reason / message |\n"
        + "|---|---|---:|---:|---|\n");
    REPORT.values().forEach(line -> md.append(line).append('\n'));
    Files.writeString(out, md);
  }
}
