package io.tributary.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read half of a fault equivalence test ({@code <Platform>FaultEquivalenceIT}): reads a stream to the end the
 * way the engine does and records every record's deleted flag and fields under {@code prefix + key}, so a run with
 * faults can be compared with a fault-free one, contents included. A record read twice fails the test.
 */
public final class FaultEquivalence {

  private FaultEquivalence() {}

  public static void collect(Source source, ReadRequest request, String keyField, String prefix,
      Map<String, String> out) {
    try (StreamReader reader = source.open(request)) {
      Cursor c = Cursor.START;
      while (true) {
        Page p = reader.read(c);
        for (SourceRecord r : p.records()) {
          String previous = out.put(prefix + r.fields().get(keyField), r.deleted() + " " + new TreeMap<>(r.fields()));
          assertThat(previous).as("record read twice").isNull();
        }
        if (p.done()) {
          return;
        }
        c = p.next();
      }
    }
  }
}
