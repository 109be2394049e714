package io.tributary.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Definitions load, and a malformed one fails with file : field : what and a fix. */
@Tag("unit")
class DefinitionLoaderTest {

  static String notes() throws IOException {
    try (InputStream in = DefinitionLoaderTest.class.getResourceAsStream("/rest/notes.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyShippedDefinitionLoadsAndNamesADistinctType() {
    var shipped = RestDefinitionRegistrar.shipped();
    assertThat(shipped).extracting(RestDefinition::name).contains("greenhouse").doesNotHaveDuplicates();
    for (RestDefinition d : shipped) {
      assertThat(d.config()).as(d.name()).anyMatch(k -> k.name().equals("base_url"));
    }
  }

  @Test
  void theTestDefinitionLoads() throws IOException {
    RestDefinition d = DefinitionLoader.parse(notes(), "notes.yml");
    assertThat(d.streams()).containsOnlyKeys("by_link", "by_next_url", "by_token", "by_offset", "by_page", "described");
  }

  /** Each row: text to replace, its replacement, then the expected message start and a word of the fix. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "    paging: { type: link_header, size_param: per_page, page_size: 7 }|    pagng: { type: link_header }"
          + "|notes.yml: streams.by_link: unknown key 'pagng'|paging",
      "type: link_header, size_param: per_page, page_size: 7|type: links"
          + "|notes.yml: streams.by_link.paging.type: 'links' is not allowed|link_header",
      "  - { name: base_url, default: \"https://notes.example.com\" }|"
          + "|notes.yml: config: no base_url key|base_url",
      "value: \"{{config.api_key}}\"|value: \"{{config.apikey}}\""
          + "|notes.yml: auth.value: unknown placeholder {{config.apikey}}|config.api_key",
      "token: /meta/next_cursor, |"
          + "|notes.yml: streams.by_token.paging.token: missing|JSON pointer",
      "records: /items|records: items"
          + "|notes.yml: streams.by_next_url.records: 'items' is not a JSON pointer|/data",
      "  - { name: api_key, required: true, secret: true }|  - { name: api_key, required: true }"
          + "|notes.yml: auth.value: holds no secret config key|secret: true",
  })
  void aMalformedDefinitionNamesFileFieldWhatAndFix(String from, String to, String message, String fix)
      throws IOException {
    String text = notes();
    assertThat(text).contains(from);
    String broken = text.replace(from, to == null ? "" : to);
    assertThatThrownBy(() -> DefinitionLoader.parse(broken, "notes.yml"))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
          assertThat(e.getMessage()).startsWith(message);
          assertThat(e.hint()).contains(fix);
        });
  }
}
