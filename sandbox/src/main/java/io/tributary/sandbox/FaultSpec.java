package io.tributary.sandbox;

import io.tributary.core.Durations;
import io.tributary.core.TributaryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The faults a sandbox run injects, parsed from a spec such as
 * {@code 429:5%,500:2%,timeout:1%,slow:200ms@5%,reset:1%,malformed:0.1%,expire-token-after:300s,retry-after:0s}.
 *
 * <p>Each request draws at most one fault; the percentages are of all requests and must add up to at most 100.
 *
 * @param rules the fault classes in spec order
 * @param tokenLifetime how long issued access tokens stay valid, or null for forever
 * @param retryAfter the {@code Retry-After} an injected 429 or 5xx carries when its platform's answer sets none
 *     (whole seconds, as vendors send it); default 1 s. {@code retry-after:0s} leaves the wait to the client's own
 *     backoff, for runs that test recovery rather than the header
 */
public record FaultSpec(List<FaultRule> rules, Duration tokenLifetime, Duration retryAfter) {

  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  public static final FaultSpec NONE = new FaultSpec(List.of(), null, DEFAULT_RETRY_AFTER);

  private static final String GRAMMAR =
      "write comma-separated entries like 429:5%, 500:2%, 503:1%, timeout:1%, slow:200ms@5%, reset:1%,"
          + " malformed:0.1%, expire-token-after:300s, retry-after:0s";
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  public FaultSpec {
    rules = List.copyOf(rules);
  }

  /** Parses a spec; null or blank means no faults. Throws a CONFIG error naming the bad entry. */
  public static FaultSpec parse(String spec) {
    if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
      return NONE;
    }
    List<FaultRule> rules = new ArrayList<>();
    Duration lifetime = null;
    Duration retryAfter = DEFAULT_RETRY_AFTER;
    double total = 0;
    for (String raw : spec.split(",")) {
      String entry = raw.trim();
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw bad(entry, "expected name:value");
      }
      String name = entry.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = entry.substring(colon + 1).trim();
      if (name.equals("expire-token-after")) {
        lifetime = duration(entry, value);
        continue;
      }
      if (name.equals("retry-after")) {
        retryAfter = duration(entry, value);
        if (retryAfter.toMillis() % 1000 != 0) {
          throw bad(entry, "Retry-After is sent in whole seconds, like retry-after:0s or retry-after:2s");
        }
        continue;
      }
      FaultRule rule = rule(entry, name, value);
      total += rule.percent();
      rules.add(rule);
    }
    if (total > 100.0 + 1e-9) {
      throw TributaryException.config(
          "fault spec '" + spec + "' adds up to " + total + "% of requests",
          "keep the sum of all fault percentages at or below 100%");
    }
    return new FaultSpec(rules, lifetime, retryAfter);
  }

  /** The sum of all fault percentages. */
  public double totalPercent() {
    return rules.stream().mapToDouble(FaultRule::percent).sum();
  }

  private static FaultRule rule(String entry, String name, String value) {
    switch (name) {
      case "timeout":
        return new FaultRule(FaultRule.Type.TIMEOUT, 0, null, percent(entry, value));
      case "reset":
        return new FaultRule(FaultRule.Type.RESET, 0, null, percent(entry, value));
      case "malformed":
        return new FaultRule(FaultRule.Type.MALFORMED, 0, null, percent(entry, value));
      case "slow": {
        int at = value.indexOf('@');
        if (at < 0) {
          throw bad(entry, "slow needs a delay and a rate, like slow:200ms@5%");
        }
        return new FaultRule(
            FaultRule.Type.SLOW, 0, duration(entry, value.substring(0, at)), percent(entry, value.substring(at + 1)));
      }
      default:
        if (name.matches("\\d{3}")) {
          int status = Integer.parseInt(name);
          if (status != 429 && (status < 500 || status > 599)) {
            throw bad(entry, "only 429 and 5xx statuses can be injected");
          }
          return new FaultRule(FaultRule.Type.STATUS, status, null, percent(entry, value));
        }
        throw bad(entry, "unknown fault '" + name + "'");
    }
  }

  private static double percent(String entry, String value) {
    Matcher m = PERCENT.matcher(value.trim());
    if (!m.matches()) {
      throw bad(entry, "rate '" + value + "' must be a percentage like 5% or 0.1%");
    }
    double p = Double.parseDouble(m.group(1));
    if (p > 100) {
      throw bad(entry, "rate " + p + "% is above 100%");
    }
    return p;
  }

  private static Duration duration(String entry, String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw bad(entry, "duration '" + value + "' must look like 200ms, 30s, 5m or 1h");
    }
    return Durations.of(Long.parseLong(m.group(1)), m.group(2));
  }

  private static TributaryException bad(String entry, String what) {
    return TributaryException.config("bad fault spec entry '" + entry + "': " + what, GRAMMAR);
  }
}
