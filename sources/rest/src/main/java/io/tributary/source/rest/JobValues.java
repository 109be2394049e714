package io.tributary.source.rest;

import io.tributary.core.NameSuggester;
import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import io.tributary.source.rest.RestDefinition.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's {@code source:} block bound to the keys its definition declares: defaults applied, required keys present,
 * secret keys given as references and resolved here (the values stay in memory only), unknown keys rejected.
 */
final class JobValues {

  private final Map<String, String> values;
  private final Map<String, Object> http;

  private JobValues(Map<String, String> values, Map<String, Object> http) {
    this.values = values;
    this.http = http;
  }

  @SuppressWarnings("unchecked")
  static JobValues bind(RestDefinition def, Map<String, Object> block, String jobFile) {
    Map<String, ConfigKey> declared = new LinkedHashMap<>();
    def.config().forEach(k -> declared.put(k.name(), k));
    for (String key : block.keySet()) {
      if (!declared.containsKey(key) && !DefinitionRules.RESERVED.contains(key)) {
        List<String> known = new ArrayList<>(declared.keySet());
        known.add("http");
        throw error(jobFile, key, "unknown key for source type '" + def.name() + "'",
            NameSuggester.didYouMean(key, known) + "known keys here: " + String.join(", ", known));
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (ConfigKey k : def.config()) {
      Object raw = block.get(k.name());
      if (raw == null) {
        if (k.required()) {
          throw error(jobFile, k.name(), "missing", k.secret()
              ? "add " + k.name() + ": \"${env:" + k.name().toUpperCase() + "}\"" + describe(k)
              : "add " + k.name() + ": <value>" + describe(k));
        }
        values.put(k.name(), k.defaultValue());
        continue;
      }
      if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
        throw error(jobFile, k.name(), "wrong type, expected a single value", "write " + k.name() + ": <value>");
      }
      if (k.secret()) {
        try {
          values.put(k.name(), SecretRef.parse(raw.toString()).resolve());
        } catch (TributaryException e) {
          throw error(jobFile, k.name(), e.getMessage(), e.hint());
        }
      } else {
        values.put(k.name(), raw.toString());
      }
    }
    Object http = block.get("http");
    if (http != null && !(http instanceof Map<?, ?>)) {
      throw error(jobFile, "http", "wrong type, expected a mapping", "write http: { max_attempts: 8 }");
    }
    return new JobValues(values, http == null ? Map.of() : (Map<String, Object>) http);
  }

  private static String describe(ConfigKey k) {
    return k.description() == null ? "" : " (" + k.description() + ")";
  }

  private static TributaryException error(String jobFile, String key, String what, String fix) {
    return TributaryException.config(jobFile + ": source." + key + ": " + what, fix);
  }

  /** A value by key, for {@code {{config.<key>}}}; null when unset. */
  String get(String key) {
    return values.get(key);
  }

  /** Renders {@code {{config.*}}} placeholders (others are left for the reader). */
  String render(String template) {
    return Templates.render(template, name -> name.startsWith("config.") ? values.get(name.substring(7))
        : "{{" + name + "}}");
  }

  Map<String, Object> http() {
    return http;
  }
}
