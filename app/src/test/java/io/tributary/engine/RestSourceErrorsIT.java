package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.greenhouse.GreenhouseSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A malformed REST definition stops {@code check} with exit 2 naming file : field : what and the fix; a Greenhouse key
 * the platform rejects stops it with exit 2, the vendor's message and the fix.
 */
@Tag("sandbox")
class RestSourceErrorsIT {

  private static final String DEFINITION = """
      name: notes
      config:
        - { name: base_url, default: "https://notes.example.com" }
        - { name: api_key, required: true, secret: true }
      base_url: "{{config.base_url}}"
      auth: { type: api_key, header: X-Api-Key, value: "{{config.api_key}}" }
      streams:
        notes:
          path: /notes
          records: /data
          primary_key: [id]
          cursor: { field: updated_at, param: updated_since }
          paging: { type: page, page_param: page, size_param: per_page, has_more: /has_more }
      """;

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "type: page,|type: pages,|streams.notes.paging.type: 'pages' is not allowed|use one of",
      "records: /data|records: data|streams.notes.records: 'data' is not a JSON pointer|start it with '/'",
      "    cursor: { field|    cursr: { field|streams.notes: unknown key 'cursr'|did you mean 'cursor'",
      "  - { name: base_url, default: \"https://notes.example.com\" }|  - { name: url }"
          + "|config: no base_url key|declare - { name: base_url",
      "page_param: page, |offset_param: page, |streams.notes.paging.page_param: missing|the page number parameter",
  })
  void aMalformedDefinitionExitsTwoWithFileFieldWhatAndFix(String from, String to, String where, String fix)
      throws Exception {
    assertThat(DEFINITION).contains(from);
    Path defs = Files.createDirectories(dir.resolve("definitions"));
    Files.writeString(defs.resolve("notes.yml"), DEFINITION.replace(from, to));
    Files.writeString(dir.resolve("key"), "k");
    Path job = Files.writeString(dir.resolve("notes_job.yml"), """
        source:
          type: rest
          definition: definitions/notes.yml
          base_url: http://127.0.0.1:9
          api_key: "${file:%s}"
        sink:
          type: duckdb
          path: %s
        streams:
          - name: notes
            primary_key: [id]
        """.formatted(dir.resolve("key"), dir.resolve("w.duckdb")));
    CliRunner.Result r = new CliRunner(dir.resolve("state")).run("check", job.toString());
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains(defs.resolve("notes.yml") + ": " + where).contains("fix: ").contains(fix);
  }

  @Test
  void aRejectedGreenhouseKeyExitsTwoWithTheVendorsMessageAndTheFix() throws Exception {
    try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
        .withPlatform(GreenhouseSandbox.platform()).withRows(10))) {
      Files.writeString(dir.resolve("key"), "not-the-key");
      Path job = Files.writeString(dir.resolve("gh.yml"), """
          source:
            type: greenhouse
            base_url: %s/v1
            api_key: "${file:%s}"
          sink:
            type: duckdb
            path: %s
          streams:
            - name: candidates
              primary_key: [id]
              cursor: [updated_at]
          """.formatted(sandbox.baseUrl(), dir.resolve("key"), dir.resolve("w.duckdb")));
      CliRunner.Result r = new CliRunner(dir.resolve("state")).run("check", job.toString());
      assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
      assertThat(r.output()).contains("HTTP 401").contains("Invalid Harvest API key")
          .contains("API Credential Management").contains("source.api_key");
    }
  }
}
