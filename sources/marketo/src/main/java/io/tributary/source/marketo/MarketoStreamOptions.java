package io.tributary.source.marketo;

import io.tributary.core.NameSuggester;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Marketo stream's {@code options:} block. {@code leads} takes {@code fields} (lead field API names; default id,
 * email, firstName, lastName, company, createdAt, updatedAt) and {@code filter} ({@code updatedAt}, the default, or
 * {@code createdAt}); {@code activities} takes {@code activity_type_ids} and is always windowed by createdAt.
 *
 * @param stream which extract
 * @param fields the columns of the export file, key first
 * @param filter the date filter the windows apply to
 * @param activityTypeIds activity types to export, empty for all
 */
record MarketoStreamOptions(MarketoStreams stream, List<String> fields, String filter, List<Long> activityTypeIds) {

  private static final Set<String> LEAD_KEYS = Set.of("fields", "filter");
  private static final Set<String> ACTIVITY_KEYS = Set.of("activity_type_ids");

  static MarketoStreamOptions parse(String stream, Map<String, Object> options) {
    MarketoStreams kind = MarketoStreams.of(stream);
    Map<String, Object> o = options == null ? Map.of() : options;
    Set<String> keys = kind == MarketoStreams.LEADS ? LEAD_KEYS : ACTIVITY_KEYS;
    for (String key : o.keySet()) {
      if (!keys.contains(key)) {
        throw TributaryException.config("stream '" + stream + "' has an unknown option '" + key + "'",
            NameSuggester.didYouMean(key, keys) + "the Marketo " + stream + " stream accepts " + keys);
      }
    }
    if (kind == MarketoStreams.ACTIVITIES) {
      List<Long> ids = new ArrayList<>();
      for (String v : list(stream, "activity_type_ids", o.get("activity_type_ids"))) {
        try {
          ids.add(Long.parseLong(v));
        } catch (NumberFormatException e) {
          throw TributaryException.config("stream '" + stream + "': activity_type_ids has '" + v + "'",
              "list activity type ids as numbers, like [1, 2, 12]; GET /rest/v1/activities/types.json lists them");
        }
      }
      return new MarketoStreamOptions(kind, kind.defaultFields(), "createdAt", List.copyOf(ids));
    }
    String filter = o.get("filter") == null ? "updatedAt" : String.valueOf(o.get("filter"));
    if (!filter.equals("updatedAt") && !filter.equals("createdAt")) {
      throw TributaryException.config("stream '" + stream + "': filter '" + filter + "' is not a date filter",
          "write filter: updatedAt (changed leads) or filter: createdAt (new leads only)");
    }
    List<String> fields = new ArrayList<>(list(stream, "fields", o.get("fields")));
    if (fields.isEmpty()) {
      fields.addAll(kind.defaultFields());
    }
    fields.remove(kind.key());
    fields.add(0, kind.key());
    if (!fields.contains(filter)) {
      fields.add(filter);
    }
    return new MarketoStreamOptions(kind, List.copyOf(fields), filter, List.of());
  }

  private static List<String> list(String stream, String key, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      throw TributaryException.config("stream '" + stream + "': options." + key + " must be a list",
          "write " + key + ": [a, b, c]");
    }
    return l.stream().map(String::valueOf).toList();
  }
}
