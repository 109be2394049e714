package io.tributary.mart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** docs/marts.md is what the data dictionary says today, and every mart SQL file has its dictionary entry. */
@Tag("unit")
class MartsDocTest {

  @Test
  void docsMartsMdIsGeneratedFromTheCurrentDictionary() throws Exception {
    String expected = MartsDoc.render(MartDictionary.all(Path.of("")));
    assertThat(Files.readString(Path.of("docs/marts.md")))
        .as("docs/marts.md is stale: regenerate it with ./tributary marts --markdown > docs/marts.md")
        .isEqualTo(expected);
  }

  @Test
  void everyMartHasADictionaryEntry() throws Exception {
    try (var files = Files.walk(Path.of("sql/marts"))) {
      List<Path> undeclared = files.filter(f -> f.toString().endsWith(".sql"))
          .filter(f -> !Files.exists(f.resolveSibling(f.getFileName().toString().replace(".sql", ".yml")))).toList();
      assertThat(undeclared).as("marts without a dictionary entry (<mart>.yml)").isEmpty();
    }
  }
}
