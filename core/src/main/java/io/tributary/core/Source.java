package io.tributary.core;

import java.util.List;
import java.util.Map;

/**
 * A system Tributary extracts from. One instance per job run, built by its {@link SourceProvider} from the job's
 * {@code source:} block; called from the CLI thread for {@code check}/{@code discover} and from the step thread for
 * reading. A source never stores state itself: it returns cursors and the engine persists them.
 */
public interface Source extends AutoCloseable {

  /** Tests connectivity and credentials; throws {@link TributaryException} with a fix hint on failure. */
  void check();

  /** Lists the streams this source can read with their inferred schema. Called by {@code discover} and at run start. */
  List<StreamSchema> discover();

  /** Discovers the schema of one stream, given its {@code options:} block. */
  StreamSchema discover(String stream, Map<String, Object> options);

  /**
   * Validates a stream's {@code options:} block at job load, before anything runs. Throws a CONFIG
   * {@link TributaryException} naming the bad key. The default accepts no options.
   */
  default void validateStream(String stream, Map<String, Object> options) {
    if (options != null && !options.isEmpty()) {
      throw TributaryException.config(
          "stream '" + stream + "' has options " + options.keySet() + " but this source takes none",
          "remove the options: block from the stream");
    }
  }

  StreamReader open(ReadRequest request);

  @Override
  default void close() {}
}
