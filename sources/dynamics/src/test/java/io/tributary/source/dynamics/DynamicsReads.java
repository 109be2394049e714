package io.tributary.source.dynamics;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a Dataverse stream to the end the way the engine does, keeping the last watermark. */
final class DynamicsReads {

  record Result(List<SourceRecord> records, Cursor watermark, int pages) {}

  private DynamicsReads() {}

  /** A change-tracked read of {@code table} (the stream has a cursor) from {@code watermark}. */
  static Result tracked(Source source, String table, Cursor watermark, int pageSize) {
    ReadRequest req = new ReadRequest(table, Map.of(), List.of(DynamicsTestSources.primaryId(table)),
        List.of("modifiedon"), watermark, Duration.ZERO, pageSize);
    List<SourceRecord> out = new ArrayList<>();
    Cursor wm = null;
    try (StreamReader reader = source.open(req)) {
      Cursor c = Cursor.START;
      for (int pages = 1; ; pages++) {
        Page p = reader.read(c);
        out.addAll(p.records());
        wm = p.watermark() != null ? p.watermark() : wm;
        if (p.done()) {
          return new Result(out, wm, pages);
        }
        c = p.next();
      }
    }
  }
}
