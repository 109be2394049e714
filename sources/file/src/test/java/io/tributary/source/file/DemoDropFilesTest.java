package io.tributary.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.JobContext;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bundled demo exports (demo/generate.py) read completely, bad rows included, with the counts it writes. */
@Tag("sandbox")
class DemoDropFilesTest {

  private final Source source = new FileSourceProvider().create(new FileSourceConfig("demo/drop"),
      new JobContext("demo", Path.of("jobs/erp_files_demo.yml"), Path.of("").toAbsolutePath()));

  private List<SourceRecord> readAll(String pattern) {
    ReadRequest req = new ReadRequest("s", Map.of("pattern", pattern), List.of(), List.of(), Cursor.START,
        Duration.ZERO, 500);
    List<SourceRecord> records = new ArrayList<>();
    try (StreamReader reader = source.open(req)) {
      Cursor cursor = Cursor.START;
      while (true) {
        Page page = reader.read(cursor);
        records.addAll(page.records());
        if (page.done()) {
          return records;
        }
        cursor = page.next();
      }
    }
  }

  @Test
  void everyDemoFileReadsWithTheGeneratedCounts() {
    assertThat(readAll("accounts.csv")).hasSize(300).allMatch(r -> r.fields().size() == 7);
    assertThat(readAll("opportunities.csv")).hasSize(2000).allMatch(r -> r.fields().size() == 9);
    List<SourceRecord> invoices = readAll("invoices.jsonl");
    assertThat(invoices).hasSize(1500);
    assertThat(invoices.stream().filter(r -> r.fields().containsKey("_error"))).hasSize(4);
  }
}
