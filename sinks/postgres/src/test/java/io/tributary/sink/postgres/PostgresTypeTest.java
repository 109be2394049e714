package io.tributary.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Column;
import io.tributary.core.ColumnType;
import io.tributary.sink.postgres.PostgresType.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PostgresTypeTest {

  private static PostgresType numeric(int p, int s) {
    return new PostgresType(Kind.NUMERIC, p, s);
  }

  @Test
  void streamColumnsMapToRealTypes() {
    assertThat(PostgresType.forColumn(Column.of("a", ColumnType.STRING)).ddl()).isEqualTo("text");
    assertThat(PostgresType.forColumn(Column.of("a", ColumnType.INTEGER)).ddl()).isEqualTo("bigint");
    assertThat(PostgresType.forColumn(Column.decimal("a", 18, 4)).ddl()).isEqualTo("numeric(18,4)");
    assertThat(PostgresType.forColumn(Column.of("a", ColumnType.DECIMAL)).ddl()).isEqualTo("numeric");
    assertThat(PostgresType.forColumn(Column.of("a", ColumnType.DOUBLE)).ddl()).isEqualTo("double precision");
    assertThat(PostgresType.forColumn(Column.of("a", ColumnType.BOOLEAN)).ddl()).isEqualTo("boolean");
    assertThat(PostgresType.forColumn(Column.of("a", ColumnType.DATE)).ddl()).isEqualTo("date");
    assertThat(PostgresType.forColumn(Column.of("a", ColumnType.TIMESTAMP)).ddl()).isEqualTo("timestamptz");
    assertThat(PostgresType.forColumn(Column.of("a", ColumnType.JSON)).ddl()).isEqualTo("jsonb");
  }

  @Test
  void catalogNamesReadBack() {
    assertThat(PostgresType.fromCatalog("numeric", 12, 2)).contains(numeric(12, 2));
    assertThat(PostgresType.fromCatalog("numeric", null, null)).contains(numeric(0, 0));
    assertThat(PostgresType.fromCatalog("timestamp with time zone", null, null))
        .contains(PostgresType.of(Kind.TIMESTAMPTZ));
    assertThat(PostgresType.fromCatalog("character varying", null, null)).contains(PostgresType.of(Kind.TEXT));
    assertThat(PostgresType.fromCatalog("integer", 32, 0)).isEmpty();
  }

  @Test
  void widerColumnsHoldNarrowerValues() {
    assertThat(numeric(0, 0).holds(numeric(30, 10))).isTrue();
    assertThat(numeric(12, 2).holds(numeric(10, 2))).isTrue();
    assertThat(numeric(12, 2).holds(numeric(12, 3))).isFalse();
    assertThat(numeric(12, 2).holds(numeric(0, 0))).isFalse();
    assertThat(numeric(21, 2).holds(PostgresType.of(Kind.BIGINT))).isTrue();
    assertThat(numeric(20, 2).holds(PostgresType.of(Kind.BIGINT))).isFalse();
    assertThat(PostgresType.of(Kind.DOUBLE).holds(PostgresType.of(Kind.BIGINT))).isTrue();
    assertThat(PostgresType.of(Kind.TIMESTAMPTZ).holds(PostgresType.of(Kind.DATE))).isTrue();
    assertThat(PostgresType.of(Kind.BIGINT).holds(PostgresType.of(Kind.TEXT))).isFalse();
  }

  @Test
  void safeWideningsOnlyAndNoDigitIsLost() {
    assertThat(numeric(10, 2).widenedFor(numeric(10, 4))).contains(numeric(12, 4));
    assertThat(numeric(10, 2).widenedFor(numeric(14, 2))).contains(numeric(14, 2));
    assertThat(numeric(10, 2).widenedFor(numeric(0, 0))).contains(numeric(0, 0));
    assertThat(PostgresType.of(Kind.BIGINT).widenedFor(numeric(10, 2))).contains(numeric(21, 2));
    assertThat(PostgresType.of(Kind.BIGINT).widenedFor(numeric(30, 2))).contains(numeric(30, 2));
    assertThat(PostgresType.of(Kind.BIGINT).widenedFor(PostgresType.of(Kind.DOUBLE)))
        .contains(PostgresType.of(Kind.DOUBLE));
    assertThat(PostgresType.of(Kind.DATE).widenedFor(PostgresType.of(Kind.TIMESTAMPTZ)))
        .contains(PostgresType.of(Kind.TIMESTAMPTZ));
    assertThat(PostgresType.of(Kind.TEXT).widenedFor(PostgresType.of(Kind.BIGINT))).isEmpty();
    assertThat(numeric(12, 2).widenedFor(PostgresType.of(Kind.BIGINT))).isEmpty();
    assertThat(PostgresType.of(Kind.DOUBLE).widenedFor(numeric(12, 2))).isEmpty();
    assertThat(PostgresType.of(Kind.TIMESTAMPTZ).widenedFor(PostgresType.of(Kind.DATE))).isEmpty();
  }
}
