package io.tributary.source.hubspot;

import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import io.tributary.http.VendorMessage;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;

/**
 * Every HubSpot error rule. 429 is transient: the recorded search 429 ("You have reached your secondly limit.",
 * category RATE_LIMITS) carries no Retry-After, so we wait a second; the ten-secondly burst limit
 * ({@code policyName TEN_SECONDLY_ROLLING}) waits its 10-second window; the daily limit ({@code policyName DAILY})
 * stops the run cleanly. 401 means the OAuth token expired; 403 is a missing scope; a 400 is a bad request
 * (unknown property, the search's 3,000-character body or 10,000-result cap).
 */
public final class HubSpotErrors extends DefaultErrorClassifier {

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    String vendor = VendorMessage.extract(body);
    String text = body == null ? "" : body.toUpperCase(Locale.ROOT);
    if (status == 429) {
      if (text.contains("\"DAILY\"")) {
        return Classification.of(ErrorClass.QUOTA, vendor)
            .withHint("the portal's daily API limit is used up; run again after midnight in the portal's time zone");
      }
      Duration wait = retryAfter(headers);
      if (wait == null) {
        wait = text.contains("TEN_SECONDLY_ROLLING") ? Duration.ofSeconds(10) : Duration.ofSeconds(1);
      }
      return Classification.of(ErrorClass.TRANSIENT, vendor).withRetryAfter(wait);
    }
    if (status == 401) {
      return Classification.of(ErrorClass.AUTH_EXPIRED, vendor)
          .withHint("check the private app token or re-authorize the OAuth app (refresh_token)");
    }
    if (status == 403) {
      return Classification.of(ErrorClass.AUTH, vendor)
          .withHint("give the private app / OAuth app the crm.objects.<object>.read and crm.schemas.<object>.read"
              + " scopes");
    }
    if (status == 400 || status == 404) {
      return Classification.of(ErrorClass.CONFIG, vendor)
          .withHint("check the stream name (a HubSpot object such as contacts) and the properties option against"
              + " GET /crm/v3/properties/<object>");
    }
    return super.classify(status, headers, body);
  }
}
