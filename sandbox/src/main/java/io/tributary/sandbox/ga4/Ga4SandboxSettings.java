package io.tributary.sandbox.ga4;

import io.tributary.sandbox.SandboxOptions;

/**
 * The GA4 simulator's fixed identity and knobs. Set with {@code --set ga4.<key>=value}: {@code tokens_per_day}
 * (default 200,000) and {@code tokens_per_hour} (default 40,000), the standard-property quotas of "Data API
 * quotas" (developers.google.com/analytics/devguides/reporting/data/v1/quotas); {@code tokens_per_request} (default
 * 10: Google charges by request complexity and rows, which it does not publish as a formula, so the simulator charges
 * a flat cost).
 */
public record Ga4SandboxSettings(long tokensPerDay, long tokensPerHour, long tokensPerRequest) {

  public static final String PROPERTY_ID = "314159265";
  public static final String CLIENT_EMAIL = "tributary-reader@sandbox-project.iam.gserviceaccount.com";
  public static final String TOKEN_PATH = "/token";
  public static final String ROWS_OBJECT = "report";

  static Ga4SandboxSettings from(SandboxOptions options) {
    return new Ga4SandboxSettings(options.setting("ga4.tokens_per_day", 200_000L, 0, Long.MAX_VALUE),
        options.setting("ga4.tokens_per_hour", 40_000L, 0, Long.MAX_VALUE),
        options.setting("ga4.tokens_per_request", 10L, 0, Long.MAX_VALUE));
  }
}
