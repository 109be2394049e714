package io.tributary.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class WarehouseJsonTest {

  @Test
  void cleanTextPassesUnchanged() {
    String json = "{ \"a\" : 1.50, \"b\": [1, 2, {\"c\": null}] }";
    assertThat(WarehouseJson.forSnowflake(json)).isSameAs(json);
    assertThat(WarehouseJson.forBigQuery(json)).isSameAs(json);
  }

  @Test
  void duplicateKeysResolveLastWinsAtEveryDepthKeepingEveryDigit() {
    assertThat(WarehouseJson.forSnowflake("{\"a\":1,\"b\":{\"x\":1,\"x\":2.50},\"a\":12345678901234567890.123}"))
        .isEqualTo("{\"a\":12345678901234567890.123,\"b\":{\"x\":2.50}}");
  }

  @Test
  void bigQueryRefusesANumberItCannotStoreExactlyEvenAfterADuplicateKey() {
    assertThat(WarehouseJson.forBigQuery("[-9223372036854775808, 18446744073709551615, 0.1, 1e300]")).isNotNull();
    assertThatThrownBy(() -> WarehouseJson.forBigQuery("[18446744073709551616]"))
        .hasMessageContaining("18446744073709551616");
    assertThatThrownBy(() -> WarehouseJson.forBigQuery("{\"a\":1,\"a\":2,\"z\":0.12345678901234567890}"))
        .hasMessageContaining("0.12345678901234567890").hasMessageContaining("cannot store exactly");
  }

  @Test
  void textThatIsNotJsonIsRefusedWithTheParsersReason() {
    assertThatThrownBy(() -> WarehouseJson.forSnowflake("{\"a\":")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("is not valid JSON");
  }
}
