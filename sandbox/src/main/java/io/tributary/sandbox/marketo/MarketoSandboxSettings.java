package io.tributary.sandbox.marketo;

import io.tributary.sandbox.SandboxOptions;

/**
 * Settings of the Marketo simulator, from {@code marketo.*} sandbox settings.
 *
 * @param clientId the custom service's client id the Identity endpoint accepts ({@code marketo.client_id})
 * @param clientSecret its client secret ({@code marketo.client_secret})
 * @param dailyQuotaBytes the daily bulk export allowance; past it create and enqueue answer 1029 "Export daily quota
 *     exceeded" until midnight US Central on the sandbox clock ({@code marketo.daily_quota_bytes}, default 500 MB)
 * @param interruptAfterBytes when above 0, the first download of each export that would send more bytes is cut off
 *     after this many bytes, as a dropped connection ({@code marketo.interrupt_after_bytes}, default 0: never)
 * @param pollsToComplete status polls a processing export takes to complete ({@code marketo.polls_to_complete},
 *     default 2)
 * @param spanDays the days the generated leads' and activities' dates spread over from 2024-01-01
 *     ({@code marketo.span_days}, default 90)
 * @param enforceRateLimit whether more than 100 calls in 20 s answer 606 ({@code marketo.enforce_limits})
 */
public record MarketoSandboxSettings(String clientId, String clientSecret, long dailyQuotaBytes,
    long interruptAfterBytes, int pollsToComplete, int spanDays, boolean enforceRateLimit) {

  public static final String CLIENT_ID = "sandbox-marketo-client-id";
  public static final String CLIENT_SECRET = "sandbox-marketo-client-secret";
  public static final long DEFAULT_QUOTA_BYTES = 500L * 1024 * 1024;

  public static MarketoSandboxSettings from(SandboxOptions o) {
    return new MarketoSandboxSettings(
        o.setting("marketo.client_id", CLIENT_ID),
        o.setting("marketo.client_secret", CLIENT_SECRET),
        Long.parseLong(o.setting("marketo.daily_quota_bytes", Long.toString(DEFAULT_QUOTA_BYTES))),
        Long.parseLong(o.setting("marketo.interrupt_after_bytes", "0")),
        o.setting("marketo.polls_to_complete", 2, 0, 1_000),
        o.setting("marketo.span_days", 90, 1, 3_650),
        Boolean.parseBoolean(o.setting("marketo.enforce_limits", "true")));
  }
}
