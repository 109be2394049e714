package io.tributary.source.dynamics;

import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import io.tributary.http.VendorMessage;
import java.net.http.HttpHeaders;
import java.util.Locale;

/**
 * Every Dataverse error rule. Service-protection 429s carry {@code Retry-After} (body
 * {@code {"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of
 * 300 seconds."}}} as quoted by integration docs; Microsoft's page not retrieved, unverified verbatim) and are
 * retried after it. A 400 naming {@code $filter}/{@code $orderby}/{@code $expand}/{@code $top} "isn't supported when
 * Change Tracking is enabled" is a job-file error. An expired or invalid delta token is flagged so the reader can fall
 * back to a full reload; Dataverse's exact status and wording for it are unverified.
 */
public final class DynamicsErrors extends DefaultErrorClassifier {

  /** The hint of the CONFIG failure an expired delta token becomes; the reader matches it to fall back. */
  static final String EXPIRED_DELTA_HINT = "the stored delta link has expired: run with --full-refresh (Tributary"
      + " falls back to a full reload by itself when it meets this)";

  /**
   * True when an error response most likely means the stored delta token can no longer be used. Dataverse's
   * organization service words it "Version stamp associated with the client has expired. Please perform a full sync."
   * (MicrosoftDocs/powerapps-docs#3845, tokens older than ExpireChangeTrackingInDays, 30 by default there); the Web
   * API's status code for it is unverified, so any 400/404/410 naming the token or that message counts.
   */
  static boolean isExpiredDeltaToken(int status, String body) {
    String t = body == null ? "" : body.toLowerCase(Locale.ROOT);
    return (status == 400 || status == 404 || status == 410)
        && (t.contains("deltatoken") || t.contains("delta token") || t.contains("change tracking token")
            || t.contains("version stamp associated with the client has expired"));
  }

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    Classification c = super.classify(status, headers, body);
    if (isExpiredDeltaToken(status, body)) {
      return Classification.of(ErrorClass.CONFIG, VendorMessage.extract(body)).withHint(EXPIRED_DELTA_HINT);
    }
    if (status == 400 && body != null && body.contains("Change Tracking")) {
      return Classification.of(ErrorClass.CONFIG, VendorMessage.extract(body)).withHint(
          "remove $filter, $orderby, $expand and $top from a change-tracked stream: Dataverse rejects them");
    }
    if (c.errorClass() == ErrorClass.CONFIG) {
      return c.withHint("check the entity set name (plural, e.g. accounts) and the $select columns against"
          + " EntityDefinitions");
    }
    if (c.errorClass() == ErrorClass.AUTH) {
      return c.withHint("add the app registration as an application user in the environment with a security role"
          + " that can read the table");
    }
    return c;
  }
}
