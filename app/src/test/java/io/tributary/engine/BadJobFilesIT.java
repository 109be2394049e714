package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed job files through the real CLI: each exits 2 with a message naming the file, the field and a fix, and
 * {@code check} never calls such a file valid first.
 */
@Tag("unit")
class BadJobFilesIT {

  @TempDir
  static Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown_key.yml       | streams[0]: unknown key 'cursr' (line 6)                          | did you mean 'cursor'?
      literal_secret.yml    | source.password: a literal value is not allowed in a secret field | ${env:NAME}
      missing_secret.yml    | source.password: secret ${env:TRIBUTARY_TEST_UNSET_PASSWORD} is not set: environment variable TRIBUTARY_TEST_UNSET_PASSWORD is missing      | export TRIBUTARY_TEST_UNSET_PASSWORD=
      wrong_type.yml        | chunk_size: 'ten thousand' is not a valid number                  | write a value of type number
      unknown_sink.yml      | sink.type: unknown sink type 'postgress'                          | did you mean 'postgres'?
      unknown_source.yml    | source.type: unknown source type 'salesforc'                      | did you mean 'salesforce'?
      unbindable_sink.yml   | sink: unknown key 'shcema'                                        | did you mean 'schema'?
      merge_without_key.yml | streams[0].primary_key: missing: mode merge needs a primary key   | mode: append
      """)
  void badJobFileExitsTwoWithLocatedMessage(String file, String message, String hint) {
    Path job = Path.of("app/src/test/resources/config/bad", file);
    CliRunner.Result r = new CliRunner(dir.resolve("state")).run("check", job.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("error: ").contains(message).contains("fix: ").contains(hint)
        .doesNotContain("s3cr3t-Pa55").doesNotContain("\tat ").doesNotContain("is valid");
  }
}
