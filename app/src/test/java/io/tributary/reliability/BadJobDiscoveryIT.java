package io.tributary.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad job files that only discovery can catch, through {@code ./tributary check} (config/engine BadJobFilesIT
 * covers the ones the loader catches): unknown stream, field, key or cursor names against the real source table,
 * and field settings that cannot compile (time zone, date format, regex, type). Each exits 2 with the problem, a fix
 * hint and no stack trace.
 */
@Tag("db")
class BadJobDiscoveryIT {

  @TempDir
  static Path dir;

  private static String schema;

  @BeforeAll
  static void sourceTable() throws Exception {
    schema = TestPostgres.freshSchema("badjob");
    try (Connection c = TestPostgres.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + schema + ".customers (id bigint PRIMARY KEY, name text, updated_at timestamptz)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      unknown stream | { name: custmers, primary_key: [id] } | custmers | did you mean 'customers'?
      unknown field | { name: customers, primary_key: [id], fields: [ { name: id }, { name: nmae } ] } | the source has no field 'nmae' | did you mean 'name'?
      unknown from | { name: customers, primary_key: [id], fields: [ { name: id }, { name: n, from: nam } ] } | the source has no field 'nam' | did you mean 'name'?
      unknown key | { name: customers, primary_key: [idd] } | idd | id
      unknown cursor | { name: customers, primary_key: [id], cursor: updatd_at } | updatd_at | did you mean 'updated_at'?
      unknown type | { name: customers, primary_key: [id], fields: [ { name: id, type: integr } ] } | integr | integer
      bad time zone | { name: customers, primary_key: [id], fields: [ { name: id }, { name: updated_at, type: timestamp, timezone: Europe/Berlinn } ] } | Europe/Berlinn | Europe/Berlin
      bad date format | { name: customers, primary_key: [id], fields: [ { name: id }, { name: name, type: date, format: "yyyy-MM-dd bbb" } ] } | yyyy-MM-dd bbb | fix:
      bad regex | { name: customers, primary_key: [id], fields: [ { name: id }, { name: name, regex: "[a-z" } ] } | streams[0].fields[1].regex: invalid regular expression | Java regex syntax
      unknown option | { name: customers, primary_key: [id], options: { tabel: x } } | tabel | did you mean 'table'?
      """)
  void checkExitsTwoWithTheProblemAndAFix(String label, String stream, String problem, String hint) throws Exception {
    Path job = Files.writeString(dir.resolve(label.replace(' ', '_') + ".yml"), """
        source: { type: jdbc, url: "%s", user: %s, schema: %s }
        sink: { type: duckdb, path: "%s", schema: raw }
        streams:
          - %s
        """.formatted(TestPostgres.url(), TestPostgres.user(), schema, dir.resolve("w.duckdb"), stream));
    Cli.Result r = new Cli(dir.resolve("state")).run("check", job.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("error: ").contains(problem).contains("fix: ").contains(hint)
        .doesNotContain("\tat ").doesNotContain("Exception");
  }
}
