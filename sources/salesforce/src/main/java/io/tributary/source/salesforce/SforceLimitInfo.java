package io.tributary.source.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code Sforce-Limit-Info} header: {@code api-usage=18/5000}, optionally with
 * {@code per-app-api-usage=17/250(appName=...)} and {@code api-bursts=1/750}, separated by {@code ;}.
 *
 * @param usages every entry by name (api-usage, per-app-api-usage, api-bursts, ...), in header order
 */
public record SforceLimitInfo(Map<String, Usage> usages) {

  /**
   * One used/limit pair.
   *
   * @param used calls used
   * @param limit the limit
   * @param appName the connected app for per-app entries, else null
   */
  public record Usage(long used, long limit, String appName) {
    /** used / limit, 0 when the limit is 0 (can exceed 1: Salesforce lets usage run past the limit). */
    public double fraction() {
      return limit <= 0 ? 0 : (double) used / limit;
    }
  }

  private static final Pattern ENTRY =
      Pattern.compile("\\s*([A-Za-z-]+)\\s*=\\s*(\\d+)\\s*/\\s*(\\d+)\\s*(?:\\(\\s*appName\\s*=\\s*([^)]*)\\))?\\s*");

  public SforceLimitInfo {
    usages = Map.copyOf(usages);
  }

  /** Parses the header; unknown or malformed entries are skipped (the header is advisory). Null → empty. */
  public static SforceLimitInfo parse(String header) {
    Map<String, Usage> out = new LinkedHashMap<>();
    if (header != null) {
      for (String part : header.split(";")) {
        Matcher m = ENTRY.matcher(part);
        if (m.matches()) {
          out.putIfAbsent(m.group(1).toLowerCase(), new Usage(Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)), m.group(4) == null ? null : m.group(4).trim()));
        }
      }
    }
    return new SforceLimitInfo(out);
  }

  /** The org-wide daily API usage, or null when the header had none. */
  public Usage apiUsage() {
    return usages.get("api-usage");
  }

  public Usage perAppUsage() {
    return usages.get("per-app-api-usage");
  }

  public Usage apiBursts() {
    return usages.get("api-bursts");
  }
}
