package io.tributary.http;

import io.tributary.core.Durations;
import io.tributary.core.TributaryException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies a job file's {@code http:} map onto {@link HttpSettings}, rejecting unknown keys and bad values. */
final class HttpSettingsOverrides {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final TreeSet<String> KEYS = new TreeSet<>(java.util.List.of(
      "connect_timeout", "read_timeout", "max_attempts", "initial_backoff", "max_backoff", "jitter",
      "max_retry_wait", "rate_limit_permits", "rate_limit_period", "circuit_failure_rate",
      "circuit_minimum_calls", "circuit_open_wait", "quota_stop_share", "verify_tls"));

  private HttpSettingsOverrides() {}

  static HttpSettings apply(HttpSettings s, Map<String, ?> overrides) {
    Map<String, Object> o = new LinkedHashMap<>(overrides == null ? Map.of() : overrides);
    for (String key : o.keySet()) {
      if (!KEYS.contains(key)) {
        throw TributaryException.config(
            s.platform() + " http setting '" + key + "' is unknown",
            "use one of " + String.join(", ", KEYS));
      }
    }
    try {
      return new HttpSettings(s.platform(), s.baseUri(),
          duration(o, "connect_timeout", s.connectTimeout()),
          duration(o, "read_timeout", s.readTimeout()),
          integer(o, "max_attempts", s.maxAttempts()),
          duration(o, "initial_backoff", s.initialBackoff()),
          duration(o, "max_backoff", s.maxBackoff()),
          decimal(o, "jitter", s.jitter()),
          duration(o, "max_retry_wait", s.maxRetryWait()),
          integer(o, "rate_limit_permits", s.ratePermits()),
          duration(o, "rate_limit_period", s.ratePeriod()),
          (float) decimal(o, "circuit_failure_rate", s.circuitFailureRate()),
          integer(o, "circuit_minimum_calls", s.circuitMinimumCalls()),
          duration(o, "circuit_open_wait", s.circuitOpenWait()),
          decimal(o, "quota_stop_share", s.quotaStopShare()),
          bool(o, "verify_tls", s.verifyTls()));
    } catch (IllegalArgumentException e) {
      throw TributaryException.config(s.platform() + " http settings are invalid: " + e.getMessage(),
          "fix the value under http: in the job file");
    }
  }

  static Duration parseDuration(String key, Object value) {
    if (value instanceof Number n) {
      return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
    }
    String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      return Durations.of(Long.parseLong(m.group(1)), m.group(2));
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " '" + value + "' is not a duration (use 500ms, 10s, 2m, 1h or PT10S)");
    }
  }

  private static Duration duration(Map<String, Object> o, String key, Duration fallback) {
    return o.containsKey(key) ? parseDuration(key, o.get(key)) : fallback;
  }

  private static int integer(Map<String, Object> o, String key, int fallback) {
    if (!o.containsKey(key)) {
      return fallback;
    }
    Object v = o.get(key);
    try {
      return v instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(key + " '" + v + "' is not a whole number");
    }
  }

  private static double decimal(Map<String, Object> o, String key, double fallback) {
    if (!o.containsKey(key)) {
      return fallback;
    }
    Object v = o.get(key);
    try {
      return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + v + "' is not a number");
    }
  }

  private static boolean bool(Map<String, Object> o, String key, boolean fallback) {
    if (!o.containsKey(key)) {
      return fallback;
    }
    Object v = o.get(key);
    if (v instanceof Boolean b) {
      return b;
    }
    String t = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return Boolean.parseBoolean(t);
    }
    throw new IllegalArgumentException(key + " '" + v + "' is not true or false");
  }
}
