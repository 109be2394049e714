package io.tributary.source.marketo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import io.tributary.sandbox.marketo.MarketoRecords;
import io.tributary.sandbox.marketo.MarketoSandbox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Downloads cut off mid-file continue with a {@code Range} request from the byte after the last complete record,
 * within a run and across a restart, and end with exactly the simulator's activities: none lost, none twice.
 */
@Tag("sandbox")
class MarketoRangeResumeIT {

  private static final Pattern RANGE = Pattern.compile("(\\S+) bytes=(\\d+)-(\\d*)");

  private static SandboxServer sandbox(long interruptAfter) {
    return SandboxServer.start(SandboxOptions.defaults().withPlatform(MarketoSandbox.platform())
        .withRows(MarketoRecords.LEADS, 200).withRows(MarketoRecords.ACTIVITIES, 4_000)
        .withSetting("marketo.interrupt_after_bytes", Long.toString(interruptAfter)));
  }

  @Test
  void aDownloadCutOffMidFileResumesWithARangeRequestAndNoDuplicateRows() {
    try (SandboxServer sandbox = sandbox(20_000);
        MarketoSource source = MarketoTestSources.source(sandbox)) {
      List<SourceRecord> records = MarketoTestSources.records(MarketoTestSources.readPages(source,
          MarketoTestSources.request("activities", Cursor.START, 10_000), Cursor.START));

      assertExactlyTheActivities(sandbox, records);
      // Each export's first download was cut after 20,000 bytes; the next request asks from a record boundary
      // before that byte, not from 0.
      List<String> log = MarketoTestSources.routes(sandbox).downloads();
      Map<String, List<Long>> starts = new java.util.LinkedHashMap<>();
      for (String line : log) {
        Matcher m = RANGE.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        starts.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
      }
      assertThat(starts).as("three exports with rows (the fourth window, April, has none)").hasSize(3);
      for (List<Long> s : starts.values()) {
        assertThat(s.get(0)).isZero();
        assertThat(s.get(1)).isBetween(19_000L, 20_000L);
      }
    }
  }

  @Test
  void aRestartFromTheSavedCursorAsksForTheRestOfTheSameFile() {
    try (SandboxServer sandbox = sandbox(0)) {
      List<SourceRecord> first = new ArrayList<>();
      Cursor saved;
      try (MarketoSource source = MarketoTestSources.source(sandbox);
          StreamReader reader = source.open(MarketoTestSources.request("activities", Cursor.START, 300))) {
        Page p = reader.read(Cursor.START);
        first.addAll(p.records());
        p = reader.read(p.next());
        first.addAll(p.records());
        saved = first.get(first.size() - 1).position();
      }
      assertThat(saved.get(MarketoExportReader.OFFSET)).isNotNull();
      try (MarketoSource source = MarketoTestSources.source(sandbox)) {
        List<SourceRecord> rest = MarketoTestSources.records(MarketoTestSources.readPages(source,
            MarketoTestSources.request("activities", Cursor.START, 300), saved));
        List<SourceRecord> all = new ArrayList<>(first);
        all.addAll(rest);
        assertExactlyTheActivities(sandbox, all);
      }
      List<String> log = MarketoTestSources.routes(sandbox).downloads();
      String firstExport = log.get(0).split(" ")[0];
      assertThat(log).anyMatch(l -> l.startsWith(firstExport + " bytes=" + saved.get(MarketoExportReader.OFFSET) + "-"));
      assertThat(MarketoTestSources.routes(sandbox).exports().createdFilters())
          .as("the restart polled the saved export instead of creating another").hasSize(4);
    }
  }

  private static void assertExactlyTheActivities(SandboxServer sandbox, List<SourceRecord> records) {
    Map<String, Map<String, String>> expected = MarketoTestSources.routes(sandbox).records()
        .activities(MarketoTestSources.START, MarketoTestSources.END);
    assertThat(expected).hasSize(4_000);
    Set<String> seen = new HashSet<>();
    for (SourceRecord r : records) {
      String guid = (String) r.fields().get("marketoGUID");
      assertThat(seen.add(guid)).as("activity " + guid + " read twice").isTrue();
      assertThat(MarketoTestSources.strings(r)).isEqualTo(expected.get(guid));
    }
    assertThat(seen).isEqualTo(expected.keySet());
  }
}
