package io.tributary.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A {@link Source} whose streams take a typed {@code options:} block. The platform names its parser once, in its
 * constructor; the same parse validates the block at job load ({@link #validateStream}, CLI thread) and types it for
 * {@link #open(ReadRequest, Object)} on the step thread, so validation and reading can never disagree. A platform
 * with a fixed list of streams names them here too, and {@link #discover()} lists them; one that asks the platform
 * overrides it.
 *
 * @param <O> the platform's parsed stream options (or the stream it resolves them to)
 */
public abstract class TypedOptionsSource<O> implements Source {

  private final BiFunction<String, Map<String, Object>, O> parser;
  private final List<String> streams;

  /** A source that lists no streams by itself (or overrides {@link #discover()}). */
  protected TypedOptionsSource(BiFunction<String, Map<String, Object>, O> parser) {
    this(parser, List.of());
  }

  /**
   * @param parser parses one stream's {@code options:} block given the stream name; throws a CONFIG
   *     {@link TributaryException} naming the bad key
   * @param streams the streams {@link #discover()} lists, each discovered with no options
   */
  protected TypedOptionsSource(BiFunction<String, Map<String, Object>, O> parser, Collection<String> streams) {
    this.parser = parser;
    this.streams = List.copyOf(streams);
  }

  @Override
  public List<StreamSchema> discover() {
    return streams.stream().map(stream -> discover(stream, Map.of())).toList();
  }

  /** One stream's parsed options, for {@link #discover(String, Map)} as well. */
  protected final O options(String stream, Map<String, Object> options) {
    return parser.apply(stream, options);
  }

  @Override
  public final void validateStream(String stream, Map<String, Object> options) {
    options(stream, options);
  }

  @Override
  public final StreamReader open(ReadRequest request) {
    return open(request, options(request.stream(), request.options()));
  }

  /** Opens a reader for one stream (or one partition of it) with its options already parsed. */
  protected abstract StreamReader open(ReadRequest request, O options);
}
