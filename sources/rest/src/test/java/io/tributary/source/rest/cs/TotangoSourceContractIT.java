package io.tributary.source.rest.cs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.totango.TotangoRecords;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The source contract: totango.yml's accounts stream against the Totango simulator (Search API, offset/count). */
@Tag("sandbox")
class TotangoSourceContractIT extends DefinitionContract {

  @Override
  protected SimulatedDefinition definition() {
    return SimulatedDefinition.TOTANGO;
  }

  @Override
  protected SimulatedDefinition.StreamOf streamOf() {
    return SimulatedDefinition.TOTANGO.streams().get(0);
  }

  @Override
  protected LongFunction<String> idOf() {
    return i -> TotangoRecords.id(TotangoRecords.ACCOUNTS, i);
  }

  /**
   * A Totango hit holds only text and the positional {@code selected_fields} list, so no value of it can have a wrong
   * type: the simulator's malformed fault sends a hit that is not an object. That hit carries no id; it must reach
   * the reader as a record flagged with an error (the mapper quarantines it with the raw text), and every other hit
   * must be read.
   */
  @Test
  @Override
  protected void aMalformedRecordIsQuarantinedNeverDropped() {
    try (SandboxServer sandbox = start(rows(), "malformed:20%");
        Source source = source(sandbox)) {
      List<SourceRecord> records = readAll(source, stream(), Cursor.START);
      List<SourceRecord> broken = records.stream().filter(r -> r.fields().containsKey("_error")).toList();
      assertThat(broken).isNotEmpty();
      assertThat(broken).allMatch(r -> String.valueOf(r.fields().get("_error")).contains("#corrupt-record"));
      Set<String> read = records.stream().filter(r -> !r.fields().containsKey("_error")).map(this::keyOf)
          .collect(Collectors.toSet());
      assertThat(read).hasSize(expectedKeys(sandbox).size() - broken.size());
      assertThat(expectedKeys(sandbox)).containsAll(read);
    }
  }
}
