package io.tributary.core;

import java.util.Map;

/**
 * A simulator that stands in for one source platform when a job's {@code source:} block has a {@code sandbox:} block.
 * Implementations are Spring components of the simulator module, so a distribution without the simulators has none
 * and the connectors never see them. The engine calls {@link #start} once per source it builds (a run, a
 * {@code check}, a {@code discover}), on the thread that builds the source; it then binds the block returned by
 * {@link Running#pointAt} to the real provider's config, so the real connector reads the simulator.
 *
 * @param <C> the {@code sandbox:} block's record, bound and validated like a provider's config before {@link #start}
 */
public interface SourceSandbox<C> {

  /** The {@code source.type} this simulator stands in for, for example {@code hubspot}. */
  String type();

  Class<C> configType();

  /** Starts the simulator on loopback; the caller closes the returned handle when the source closes. */
  Running start(C config, JobContext context);

  /** A started simulator. Closing it stops the server and forgets the credentials it handed out. */
  interface Running extends AutoCloseable {

    /**
     * The job's source block (without {@code sandbox:} and {@code type}) pointed at this simulator: its URLs and
     * credentials replace the job's, every other key (streams' options, http overrides, caps) is kept. Secret fields
     * are secret references the simulator resolves for its own fixed test credentials, never literal values.
     */
    Map<String, Object> pointAt(Map<String, Object> sourceBlock);

    @Override
    void close();
  }
}
