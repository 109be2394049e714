package io.tributary.source.hubspot;

import io.tributary.core.NameSuggester;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A HubSpot stream's {@code options:} block.
 *
 * @param properties the properties to read, or empty for every property the Properties API lists
 * @param includeArchived whether archived objects are read (as soft deletes); default true
 */
record HubSpotStreamOptions(List<String> properties, boolean includeArchived) {

  private static final Set<String> KEYS = Set.of("properties", "include_archived");

  static HubSpotStreamOptions parse(String stream, Map<String, Object> options) {
    if (!HubSpotObjects.known(stream)) {
      throw TributaryException.config("HubSpot has no object '" + stream + "' that Tributary reads",
          NameSuggester.didYouMean(stream, HubSpotObjects.names()) + "use one of " + HubSpotObjects.names());
    }
    Map<String, Object> o = options == null ? Map.of() : options;
    for (String key : o.keySet()) {
      if (!KEYS.contains(key)) {
        throw TributaryException.config("stream '" + stream + "' has an unknown option '" + key + "'",
            NameSuggester.didYouMean(key, KEYS) + "HubSpot streams accept " + KEYS);
      }
    }
    List<String> props = new ArrayList<>();
    Object p = o.get("properties");
    if (p instanceof List<?> list) {
      list.forEach(v -> props.add(String.valueOf(v)));
    } else if (p != null) {
      throw TributaryException.config("stream '" + stream + "': options.properties must be a list",
          "write properties: [firstname, lastname, email]");
    }
    Object a = o.get("include_archived");
    boolean archived = a == null || Boolean.parseBoolean(String.valueOf(a));
    return new HubSpotStreamOptions(props, archived);
  }
}
