package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.JobConfigLoader;
import io.tributary.config.LoadedJob;
import io.tributary.core.JobContext;
import io.tributary.core.ReadRequest;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.SourceSandbox;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import jakarta.validation.constraints.Positive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's {@code sandbox:} block through {@link PlatformRegistry}, with a connector and a simulator of this test's own:
 * the real provider gets the job's block pointed at the simulator, closing the source stops the simulator, and every
 * mistake is a located configuration error.
 */
@Tag("sandbox")
class SourceSandboxesTest {

  @TempDir
  Path dir;

  /** What the test connector was built from, and what happened to the simulator. */
  private final List<String> events = new ArrayList<>();

  record FakeConfig(String baseUrl, String token, Integer pageSize) {}

  record FakeSandboxConfig(@Positive Long rows, String faults) {}

  /** A connector of type {@code fake} whose sources {@code create} builds. */
  private static SourceProvider<FakeConfig> provider(Function<FakeConfig, Source> create) {
    return new SourceProvider<>() {
      @Override
      public String type() {
        return "fake";
      }

      @Override
      public Class<FakeConfig> configType() {
        return FakeConfig.class;
      }

      @Override
      public Source create(FakeConfig config, JobContext context) {
        return create.apply(config);
      }
    };
  }

  private final SourceProvider<FakeConfig> provider = provider(config -> {
    events.add("created " + config);
    return new Source() {
      @Override
      public void check() {}

      @Override
      public List<StreamSchema> discover() {
        return List.of();
      }

      @Override
      public StreamSchema discover(String stream, Map<String, Object> options) {
        throw new UnsupportedOperationException();
      }

      @Override
      public StreamReader open(ReadRequest request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {
        events.add("source closed");
      }
    };
  });

  private final SourceSandbox<FakeSandboxConfig> simulator = new SourceSandbox<>() {
    @Override
    public String type() {
      return "fake";
    }

    @Override
    public Class<FakeSandboxConfig> configType() {
      return FakeSandboxConfig.class;
    }

    @Override
    public Running start(FakeSandboxConfig config, JobContext context) {
      if ("bad".equals(config.faults())) {
        throw TributaryException.config("unknown fault 'bad'", "use 429:5% or 500:2%");
      }
      events.add("started " + config);
      return new Running() {
        @Override
        public Map<String, Object> pointAt(Map<String, Object> sourceBlock) {
          Map<String, Object> block = new LinkedHashMap<>(sourceBlock);
          block.put("base_url", "http://127.0.0.1:1");
          block.put("token", "${file:/run/simulator/token}");
          return block;
        }

        @Override
        public void close() {
          events.add("simulator stopped");
        }
      };
    }
  };

  private LoadedJob job(String source) throws IOException {
    Path file = Files.writeString(dir.resolve("job.yml"), "source: " + source + "\n"
        + "sink: { type: duckdb }\nstreams:\n  - { name: things, primary_key: [id] }\n");
    return JobConfigLoader.load(file);
  }

  private PlatformRegistry registry(List<SourceSandbox<?>> simulators) {
    return new PlatformRegistry(List.of(provider), List.of(), simulators, "default");
  }

  @Test
  void theRealProviderReadsTheSimulatorAndClosingTheSourceStopsIt() throws IOException {
    LoadedJob job = job("{ type: fake, base_url: https://real.example.com, page_size: 50, sandbox: { rows: 7 } }");
    try (Source source = registry(List.of(simulator)).createSource(job)) {
      assertThat(source).isNotNull();
    }
    assertThat(events).containsExactly(
        "started FakeSandboxConfig[rows=7, faults=null]",
        "created FakeConfig[baseUrl=http://127.0.0.1:1, token=${file:/run/simulator/token}, pageSize=50]",
        "source closed",
        "simulator stopped");
  }

  @Test
  void withoutASandboxBlockTheSimulatorIsNotStarted() throws IOException {
    LoadedJob job = job("{ type: fake, base_url: https://real.example.com }");
    registry(List.of(simulator)).createSource(job).close();
    assertThat(events).containsExactly("created FakeConfig[baseUrl=https://real.example.com, token=null,"
        + " pageSize=null]", "source closed");
  }

  @Test
  void aDistributionWithoutSimulatorsSaysSoAtSourceSandbox() throws IOException {
    LoadedJob job = job("{ type: fake, sandbox: { rows: 7 } }");
    assertThatThrownBy(() -> registry(List.of()).createSource(job))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind().exitCode()).isEqualTo(2);
          assertThat(e.getMessage()).isEqualTo(job.file() + ": source.sandbox: this distribution has no simulator"
              + " for source type 'fake'");
          assertThat(e.hint()).isEqualTo("remove the sandbox: block and give the real fake source's settings"
              + " (docs/sources/fake.md); this distribution has no simulators (the sandbox module is not in it)");
        });
    assertThat(events).isEmpty();
  }

  @Test
  void anUnknownKeyInTheSandboxBlockIsLocatedBeforeAnythingStarts() throws IOException {
    LoadedJob job = job("{ type: fake, sandbox: { rowz: 7 } }");
    assertThatThrownBy(() -> registry(List.of(simulator)).createSource(job))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(job.file() + ": source.sandbox: unknown key 'rowz' (line 1)");
          assertThat(e.hint()).isEqualTo("did you mean 'rows'? known keys here: faults, rows");
        });
    assertThat(events).isEmpty();
  }

  @Test
  void aWrongTypeOrAnInvalidValueInTheSandboxBlockIsLocated() throws IOException {
    assertThatThrownBy(() -> registry(List.of(simulator)).createSource(job("{ type: fake, sandbox: { rows: many } }")))
        .hasMessageEndingWith("source.sandbox.rows: 'many' is not a valid number");
    assertThatThrownBy(() -> registry(List.of(simulator)).createSource(job("{ type: fake, sandbox: { rows: 0 } }")))
        .hasMessageEndingWith("source.sandbox.rows: must be greater than 0 (got '0')");
    assertThatThrownBy(() -> registry(List.of(simulator)).createSource(job("{ type: fake, sandbox: yes }")))
        .hasMessageEndingWith("source.sandbox: wrong type, expected mapping (key: value block)");
    assertThat(events).isEmpty();
  }

  @Test
  void aValueTheSimulatorRejectsIsLocatedAtSourceSandbox() throws IOException {
    LoadedJob job = job("{ type: fake, sandbox: { faults: bad } }");
    assertThatThrownBy(() -> registry(List.of(simulator)).createSource(job))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(job.file() + ": source.sandbox: unknown fault 'bad'");
          assertThat(e.hint()).isEqualTo("use 429:5% or 500:2%");
        });
  }

  @Test
  void theJobsOwnKeysAreCheckedAsWithoutASimulatorAndAFailedBuildStopsTheSimulator() throws IOException {
    assertThatThrownBy(() -> registry(List.of(simulator)).createSource(
        job("{ type: fake, base_url: x, pagesize: 5, sandbox: {} }")))
        .hasMessageContaining("source: unknown key 'pagesize'");
    assertThat(events).isEmpty();

    SourceProvider<FakeConfig> failing = provider(config -> {
      throw TributaryException.config("no such org", "check base_url");
    });
    LoadedJob job = job("{ type: fake, sandbox: {} }");
    assertThatThrownBy(() -> new PlatformRegistry(List.of(failing), List.of(), List.of(simulator), "default").createSource(job))
        .hasMessage("no such org");
    assertThat(events).containsExactly("started FakeSandboxConfig[rows=null, faults=null]", "simulator stopped");
  }
}
