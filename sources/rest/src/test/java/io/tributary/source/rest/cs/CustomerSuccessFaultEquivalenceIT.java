package io.tributary.source.rest.cs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.Cursor;
import io.tributary.core.Page;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.core.StreamReader;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stream of gainsight.yml, totango.yml and churnzero.yml read with faults {@code 429:5%,500:5%} yields exactly
 * the records of a fault-free read, in the same order.
 */
@Tag("sandbox")
class CustomerSuccessFaultEquivalenceIT {

  @TempDir
  Path dir;

  static Stream<Arguments> definitions() {
    return Stream.of(Arguments.of("gainsight", SimulatedDefinition.GAINSIGHT),
        Arguments.of("totango", SimulatedDefinition.TOTANGO), Arguments.of("churnzero", SimulatedDefinition.CHURNZERO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void faultsChangeNothingInTheRecords(String name, SimulatedDefinition definition) throws Exception {
    List<String> faults = new ArrayList<>();
    for (SimulatedDefinition.StreamOf stream : definition.streams()) {
      List<Map<String, Object>> clean = read(definition, stream, "none", faults);
      List<Map<String, Object>> faulty = read(definition, stream, "429:5%,500:5%,retry-after:0s", faults);
      assertThat(clean).as(stream.stream()).hasSize(1_200);
      assertThat(faulty).as(stream.stream()).containsExactlyElementsOf(clean);
    }
    assertThat(faults).as("injected faults fired").anyMatch(f -> f.equals("429") || f.equals("500"));
  }

  private List<Map<String, Object>> read(SimulatedDefinition definition, SimulatedDefinition.StreamOf stream,
      String faults, List<String> log) throws Exception {
    try (SandboxServer sandbox = SandboxServer.start(SimulatedDefinition.unlimited(SandboxOptions.defaults()
        .withPlatform(definition.platform()).withRows(1_200).withFaults(faults).withSeed(11)));
        Source source = definition.source(sandbox, Files.createTempDirectory(dir, "run"));
        StreamReader reader = source.open(new ReadRequest(stream.stream(), Map.of(), List.of(stream.key()),
            stream.cursor() == null ? List.of() : List.of(stream.cursor()), Cursor.START, Duration.ZERO, 50))) {
      List<Map<String, Object>> out = new ArrayList<>();
      Cursor at = Cursor.START;
      for (int i = 0; i < 10_000; i++) {
        Page page = reader.read(at);
        page.records().stream().map(SourceRecord::fields).forEach(out::add);
        if (page.done()) {
          if (!faults.equals("none")) {
            log.addAll(sandbox.faultLog());
          }
          return out;
        }
        at = page.next();
      }
      throw new AssertionError("no last page");
    }
  }
}
