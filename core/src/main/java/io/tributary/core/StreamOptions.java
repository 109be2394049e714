package io.tributary.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every source checks the same way in a stream's {@code options:} block (its own parser checks the values):
 * that each key is one it knows, and that a list option is a list. Errors name the stream and the fix.
 */
public final class StreamOptions {

  private StreamOptions() {}

  /**
   * The block, empty when the job has none; a key outside {@code known} fails with the closest known key.
   *
   * @param takes what the stream accepts, for the hint, for example "a file stream takes pattern and format"
   */
  public static Map<String, Object> known(String stream, Map<String, Object> options, Set<String> known,
      String takes) {
    Map<String, Object> o = options == null ? Map.of() : options;
    for (String key : o.keySet()) {
      if (!known.contains(key)) {
        throw TributaryException.config("stream '" + stream + "': unknown option '" + key + "'",
            NameSuggester.didYouMean(key, known) + takes);
      }
    }
    return o;
  }

  /** A list option as text values, empty when absent; anything but a list fails with {@code example} as the fix. */
  public static List<String> list(String stream, Map<String, Object> options, String key, String example) {
    List<String> values = new ArrayList<>();
    Object v = options.get(key);
    if (v instanceof List<?> list) {
      list.forEach(e -> values.add(String.valueOf(e)));
    } else if (v != null) {
      throw TributaryException.config("stream '" + stream + "': options." + key + " must be a list", example);
    }
    return values;
  }
}
