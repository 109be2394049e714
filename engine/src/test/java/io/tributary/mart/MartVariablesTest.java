package io.tributary.mart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MartVariablesTest {

  private static final MartFile MART = new MartFile("m", Path.of("sql/marts/x/m.sql"), List.of(), "");

  @Test
  void asOfIsTodayByDefaultOrTheDeclaredDate() {
    assertThat(MartVariables.of(null).apply("SELECT {{as_of}} FROM {{raw}}.t", "sf", MART))
        .isEqualTo("SELECT CURRENT_DATE FROM sf.t");
    assertThat(MartVariables.of(Map.of("as_of", "today")).apply("{{ as_of }}", "r", MART)).isEqualTo("CURRENT_DATE");
    assertThat(MartVariables.of(Map.of("as_of", "2024-01-01", "crm", "crm_1")).apply("{{as_of}} {{crm}}.a", "r", MART))
        .isEqualTo("DATE '2024-01-01' crm_1.a");
  }

  @Test
  void valuesThatAreNotADateOrASchemaAndUndeclaredPlaceholdersAreRefused() {
    assertThatThrownBy(() -> MartVariables.of(Map.of("as_of", "yesterday"))).isInstanceOf(TributaryException.class)
        .hasMessageContaining("mart_variables.as_of 'yesterday' is not a date");
    assertThatThrownBy(() -> MartVariables.of(Map.of("crm", "x; DROP TABLE y"))).isInstanceOf(TributaryException.class)
        .hasMessageContaining("is not a schema name");
    assertThatThrownBy(() -> MartVariables.of(Map.of("raw", "other"))).isInstanceOf(TributaryException.class);
    assertThatThrownBy(() -> MartVariables.of(null).apply("{{crm}}.account", "r", MART))
        .isInstanceOf(TributaryException.class).hasMessageContaining("uses {{crm}}, which the job does not declare");
  }
}
