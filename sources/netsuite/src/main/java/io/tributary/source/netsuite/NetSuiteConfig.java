package io.tributary.source.netsuite;

import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import jakarta.validation.constraints.Positive;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/**
 * The {@code source:} block of a NetSuite job (SuiteQL over REST with Token-Based Authentication).
 *
 * @param accountId the account id as NetSuite writes it ({@code 123456} or {@code 123456_SB1}); it is the TBA realm
 *     and names the host {@code 123456-sb1.suitetalk.api.netsuite.com}
 * @param consumerKey the integration record's consumer key (secret reference)
 * @param consumerSecret the integration record's consumer secret (secret reference)
 * @param tokenId the access token id (secret reference)
 * @param tokenSecret the access token secret (secret reference)
 * @param timezone the time zone of the integration user's preferences: SuiteQL shows and parses datetimes in it
 * @param concurrency requests in flight against this account from this process, shared by every job and stream
 *     (default 5, the smallest account limit)
 * @param baseUrl overrides {@code https://<account>.suitetalk.api.netsuite.com}
 * @param http per-job overrides of the HTTP client settings (see docs/auth.md)
 */
public record NetSuiteConfig(
    String accountId,
    SecretRef consumerKey,
    SecretRef consumerSecret,
    SecretRef tokenId,
    SecretRef tokenSecret,
    String timezone,
    @Positive Integer concurrency,
    String baseUrl,
    Map<String, Object> http) {

  static final int DEFAULT_CONCURRENCY = 5;

  int concurrencyOrDefault() {
    return concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
  }

  ZoneId zone() {
    if (timezone == null || timezone.isBlank()) {
      throw TributaryException.config("source.timezone is required for NetSuite",
          "set it to the time zone in the integration user's Set Preferences page, for example America/Los_Angeles;"
              + " SuiteQL datetimes carry no offset, so a wrong zone shifts every incremental bound");
    }
    try {
      return ZoneId.of(timezone.trim());
    } catch (DateTimeException e) {
      throw TributaryException.config("source.timezone '" + timezone + "' is not a time zone",
          "use a region id such as America/Los_Angeles");
    }
  }

  /** {@code https://<account>.suitetalk.api.netsuite.com}, the account lower-cased with '_' as '-'. */
  String baseUrlOrDefault() {
    if (baseUrl != null && !baseUrl.isBlank()) {
      return baseUrl.replaceAll("/+$", "");
    }
    if (accountId == null || accountId.isBlank()) {
      throw TributaryException.config("source.account_id is required for NetSuite",
          "copy it from Setup > Company > Company Information (Account ID), for example 123456 or 123456_SB1");
    }
    return "https://" + accountId.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + ".suitetalk.api.netsuite.com";
  }
}
