package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.StreamConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code discover} marks an object "(not in this job)" only when no stream of the job reads it. */
@Tag("unit")
class DiscoverCommandTest {

  private static StreamConfig stream(String name, Map<String, Object> options) {
    return new StreamConfig(name, null, null, null, null, null, null, options, null, null, null, null);
  }

  @Test
  void anObjectNamedInAStreamsOptionsIsReadByTheJob() {
    List<StreamConfig> demo = List.of(stream("opportunities", Map.of("object", "Opportunity", "include_deleted",
        true)), stream("accounts", Map.of("object", "Account")));

    assertThat(DiscoverCommand.readByJob("Opportunity", demo)).isTrue();
    assertThat(DiscoverCommand.readByJob("Account", demo)).isTrue();
    assertThat(DiscoverCommand.readByJob("Contact", demo)).isFalse();
  }

  @Test
  void aStreamNamedLikeTheObjectOrATableInASchemaReadsIt() {
    List<StreamConfig> streams = List.of(stream("contacts", Map.of()), stream("orders", Map.of("table",
        "sales.order_lines")));

    assertThat(DiscoverCommand.readByJob("CONTACTS", streams)).isTrue();
    assertThat(DiscoverCommand.readByJob("public.contacts", streams)).isTrue();
    assertThat(DiscoverCommand.readByJob("order_lines", streams)).isTrue();
    assertThat(DiscoverCommand.readByJob("orders_archive", streams)).isFalse();
  }
}
