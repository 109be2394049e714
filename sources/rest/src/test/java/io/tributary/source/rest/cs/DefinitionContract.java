package io.tributary.source.rest.cs;

import io.tributary.config.StreamConfig;
import io.tributary.core.Source;
import io.tributary.core.SourceRecord;
import io.tributary.sandbox.SandboxOptions;
import io.tributary.sandbox.SandboxPlatform;
import io.tributary.sandbox.SandboxServer;
import io.tributary.source.SourceContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/** The source contract for one stream of a shipped definition against its simulator. */
abstract class DefinitionContract extends SourceContract {

  @TempDir
  Path dir;

  /** The definition and the stream under test. */
  protected abstract SimulatedDefinition definition();

  protected abstract SimulatedDefinition.StreamOf streamOf();

  /** The id the simulator gives row {@code index} of the stream's object, as the record carries it. */
  protected abstract LongFunction<String> idOf();

  /** Pages of 100: the malformed fault corrupts one record per response, so more responses give it more chances. */
  @Override
  protected int pageSize() {
    return 100;
  }

  @Override
  protected SandboxPlatform platform() {
    return definition().platform();
  }

  @Override
  protected SandboxOptions configure(SandboxOptions options) {
    return SimulatedDefinition.unlimited(options);
  }

  @Override
  protected String object() {
    return streamOf().object();
  }

  @Override
  protected Source source(SandboxServer sandbox) {
    return definition().source(sandbox, dir);
  }

  @Override
  protected StreamConfig stream() {
    return streamOf().config();
  }

  /** An option the definition does not know: a configuration error with a fix, before any request. */
  @Override
  protected StreamConfig brokenStream() {
    return new StreamConfig(streamOf().stream(), null, java.util.List.of(streamOf().key()), java.util.List.of(), null,
        null, null, Map.of("no_such_option", "x"), null, null, null);
  }

  @Override
  protected String keyOf(SourceRecord record) {
    return String.valueOf(record.fields().get(streamOf().key()));
  }

  @Override
  protected Set<String> expectedKeys(SandboxServer sandbox) {
    return sandbox.dataset().rows(object()).filter(r -> !r.deleted()).map(r -> idOf().apply(r.index()))
        .collect(Collectors.toSet());
  }
}
