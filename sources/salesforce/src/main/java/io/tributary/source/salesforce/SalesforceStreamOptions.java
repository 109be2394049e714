package io.tributary.source.salesforce;

import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Salesforce stream's {@code options:}.
 *
 * @param object the sObject API name (default: the stream name)
 * @param fields the SOQL field list, relationship paths like {@code Owner.Name} allowed; null = every non-compound
 *     field the describe lists
 * @param includeDeleted read with queryAll, so deleted rows (IsDeleted = true) arrive as soft deletes
 * @param mode rest, bulk or auto (by the row count against bulk_threshold)
 * @param bulkOrderBy add ORDER BY SystemModstamp, Id to Bulk jobs so a restart resumes after the last committed record;
 *     false keeps Bulk's PK chunking (faster on huge objects) and a restart re-reads the job from its start bound
 */
record SalesforceStreamOptions(String object, List<String> fields, boolean includeDeleted, Mode mode,
    boolean bulkOrderBy) {

  enum Mode { REST, BULK, AUTO }

  private static final Set<String> KEYS = Set.of("object", "fields", "include_deleted", "mode", "bulk_order_by");

  static SalesforceStreamOptions parse(String stream, Map<String, Object> options) {
    Map<String, Object> o = StreamOptions.known(stream, options, KEYS,
        "a salesforce stream takes " + String.join(", ", KEYS.stream().sorted().toList()));
    String object = o.get("object") == null ? stream : o.get("object").toString().trim();
    if (!object.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw TributaryException.config("stream '" + stream + "': object '" + object + "' is not an sObject API name",
          "set options.object to the API name, like Opportunity or Invoice__c");
    }
    return new SalesforceStreamOptions(object, fields(stream, o.get("fields")), bool(stream, o, "include_deleted", false),
        mode(stream, o.get("mode")), bool(stream, o, "bulk_order_by", true));
  }

  private static List<String> fields(String stream, Object v) {
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      list.forEach(x -> out.add(String.valueOf(x).trim()));
    } else {
      for (String s : v.toString().split(",")) {
        out.add(s.trim());
      }
    }
    out.removeIf(String::isEmpty);
    for (String f : out) {
      if (!f.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*")) {
        throw TributaryException.config("stream '" + stream + "': '" + f + "' in options.fields is not a field name",
            "list API names like Amount, StageName or relationship paths like Owner.Name");
      }
    }
    if (out.isEmpty()) {
      throw TributaryException.config("stream '" + stream + "': options.fields is empty",
          "list the fields to read, or remove options.fields to read every field");
    }
    return List.copyOf(out);
  }

  private static Mode mode(String stream, Object v) {
    if (v == null) {
      return Mode.AUTO;
    }
    try {
      return Mode.valueOf(v.toString().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw TributaryException.config("stream '" + stream + "': mode '" + v + "' is not rest, bulk or auto",
          "use mode: auto (REST for small objects, Bulk API 2.0 above bulk_threshold), rest or bulk");
    }
  }

  private static boolean bool(String stream, Map<String, Object> o, String key, boolean fallback) {
    Object v = o.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw TributaryException.config("stream '" + stream + "': " + key + " must be true or false, got '" + v + "'",
        "write " + key + ": true");
  }
}
