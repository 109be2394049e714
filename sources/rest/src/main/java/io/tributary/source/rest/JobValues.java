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
  private final RestDefinition.AuthSpec auth;

  private JobValues(Map<String, String> values, Map<String, Object> http, RestDefinition.AuthSpec auth) {
    this.values = values;
    this.http = http;
    this.auth = auth;
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
    return new JobValues(values, http == null ? Map.of() : (Map<String, Object>) http,
        auth(def, values, jobFile));
  }

  /** The first of the definition's auth alternatives whose config keys the job sets. */
  private static RestDefinition.AuthSpec auth(RestDefinition def, Map<String, String> values, String jobFile) {
    List<String> options = new ArrayList<>();
    for (RestDefinition.AuthSpec a : def.auth()) {
      // Keys with a default (a scope, an audience) are not credentials: they never decide the choice.
      List<String> keys = DefinitionRules.authFields(a).values().stream().flatMap(v -> Templates.names(v).stream())
          .filter(n -> n.startsWith("config.")).map(n -> n.substring(7)).distinct()
          .filter(k -> def.config().stream().anyMatch(c -> c.name().equals(k) && c.defaultValue() == null)).toList();
      if (keys.stream().allMatch(k -> values.get(k) != null && !values.get(k).isEmpty())) {
        return a;
      }
      options.add(String.join(" + ", keys) + " (" + a.type().name().toLowerCase() + ")");
    }
    throw error(jobFile, options.size() == 1 ? options.get(0).replaceAll(" .*", "") : "auth",
        "no credentials: none of the definition's ways to sign in has all its keys set",
        "set " + String.join(", or ", options));
  }

  /** The auth flow this job uses: the definition's, or the first alternative whose keys the job sets. */
  RestDefinition.AuthSpec auth() {
    return auth;
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
