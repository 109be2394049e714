package io.tributary.source.hubspot;

import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A HubSpot stream's {@code options:} block. Object streams take {@code properties} and {@code include_archived},
 * {@code owners} takes {@code include_archived}, link streams take none.
 *
 * @param stream what the stream reads
 * @param properties the properties to read, or empty for every property the Properties API lists
 * @param includeArchived whether archived objects or owners are read (as soft deletes); default true
 */
record HubSpotStreamOptions(HubSpotStreams stream, List<String> properties, boolean includeArchived) {

  private static final Set<String> OBJECT_KEYS = Set.of("properties", "include_archived");
  private static final Set<String> OWNER_KEYS = Set.of("include_archived");

  static HubSpotStreamOptions parse(String stream, Map<String, Object> options) {
    HubSpotStreams kind = HubSpotStreams.of(stream);
    Set<String> keys = switch (kind.kind()) {
      case OBJECT -> OBJECT_KEYS;
      case OWNERS -> OWNER_KEYS;
      case LINK -> Set.of();
    };
    if (keys.isEmpty() && options != null && !options.isEmpty()) {
      throw TributaryException.config("stream '" + stream + "' has an option '" + options.keySet().iterator().next()
          + "' but link streams take none", "remove the options: block of " + stream);
    }
    Map<String, Object> o = StreamOptions.known(stream, options, keys, "this HubSpot stream accepts " + keys);
    List<String> props = StreamOptions.list(stream, o, "properties", "write properties: [firstname, lastname, email]");
    Object a = o.get("include_archived");
    boolean archived = a == null || Boolean.parseBoolean(String.valueOf(a));
    return new HubSpotStreamOptions(kind, props, archived);
  }
}
