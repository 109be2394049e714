package io.tributary.source.salesforce;

import io.tributary.http.QuotaMonitor;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * The org's daily API request usage from {@code Sforce-Limit-Info: api-usage=used/max} (REST API Developer Guide,
 * "Limit Info Header"); the client stops the run when it passes {@code quota_stop_share}.
 */
final class SalesforceQuotaMonitor implements QuotaMonitor {

  @Override
  public Optional<Usage> usage(HttpHeaders headers) {
    return headers.firstValue("Sforce-Limit-Info")
        .map(SforceLimitInfo::parse)
        .map(SforceLimitInfo::apiUsage)
        .map(u -> new Usage("daily API requests", u.used(), u.limit()));
  }
}
