package io.tributary.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.core.RunInfo;
import io.tributary.core.StreamSchema;
import io.tributary.core.TableSpec;
import io.tributary.core.TributaryException;
import io.tributary.core.WriteMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The checks every warehouse makes before it creates anything for a stream. */
@Tag("unit")
class TableSpecsTest {

  private static final UnaryOperator<String> AS_IS = name -> name;
  private static final UnaryOperator<String> UPPER = name -> name.toUpperCase(Locale.ROOT);

  private static TableSpec spec(String table, WriteMode mode, List<String> key, String... columns) {
    List<Column> cols = java.util.Arrays.stream(columns).map(c -> Column.of(c, ColumnType.STRING)).toList();
    return new TableSpec("accounts", table, new StreamSchema("accounts", cols, key), mode,
        new RunInfo("erp", 1, 1, Instant.EPOCH));
  }

  @Test
  void aValidStreamPassesAndItsTableIsReturned() {
    assertThat(TableSpecs.validate(spec("accounts", WriteMode.MERGE, List.of("id"), "id", "Id"), AS_IS))
        .isEqualTo("accounts");
  }

  @Test
  void refusals() {
    assertRefused(spec("a; DROP", WriteMode.APPEND, List.of(), "id"), AS_IS, "is not a valid identifier");
    assertRefused(spec("accounts", WriteMode.APPEND, List.of(), "id", "_TRIBUTARY_x"), AS_IS,
        "names starting with _tributary_ are reserved");
    assertRefused(spec("accounts", WriteMode.APPEND, List.of(), "id", "Id"), UPPER,
        "has two columns named 'ID' as the warehouse stores names");
    assertRefused(spec("accounts", WriteMode.MERGE, List.of("key"), "id"), AS_IS,
        "primary key 'key' of stream accounts is not one of its output columns [id]");
    assertRefused(spec("accounts", WriteMode.MERGE, List.of(), "id"), AS_IS,
        "stream accounts is loaded with mode merge but has no primary key");
  }

  private static void assertRefused(TableSpec spec, UnaryOperator<String> stored, String message) {
    assertThatThrownBy(() -> TableSpecs.validate(spec, stored)).isInstanceOfSatisfying(TributaryException.class,
        e -> {
          assertThat(e.kind()).isEqualTo(TributaryException.Kind.CONFIG);
          assertThat(e.getMessage()).contains(message);
        });
  }
}
