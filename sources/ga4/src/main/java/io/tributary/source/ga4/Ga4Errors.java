package io.tributary.source.ga4;

import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import io.tributary.http.VendorMessage;
import java.net.http.HttpHeaders;

/**
 * Every Data API error rule. Errors are {@code google.rpc.Status} JSON: {@code {"error":{"code":429,"message":...,
 * "status":"RESOURCE_EXHAUSTED"}}} (Google API design guide, "Errors"). A 429 whose message says the property's
 * tokens are exhausted is a quota stop (restartable, the cursor is kept); any other 429 (concurrent requests) is
 * retried. INVALID_ARGUMENT names the bad dimension or metric; PERMISSION_DENIED means the service account has no
 * access to the property.
 */
final class Ga4Errors extends DefaultErrorClassifier {

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    Classification c = super.classify(status, headers, body);
    String text = body == null ? "" : body;
    if (status == 429 && text.contains("Exhausted") && text.contains("tokens")) {
      return Classification.of(ErrorClass.QUOTA, VendorMessage.extract(body)).withHint(
          "the property's Data API token quota is used up; run again after the hour (or day) resets: the cursor is"
              + " kept. Fewer dimensions, shorter date ranges or a larger page_size cost fewer tokens");
    }
    if (status == 401 || status == 403 || text.contains("PERMISSION_DENIED")) {
      return Classification.of(status == 401 ? ErrorClass.AUTH_EXPIRED : ErrorClass.AUTH, VendorMessage.extract(body))
          .withHint("add the service account's client_email as a Viewer of the GA4 property (Admin > Property access"
              + " management) and check property_id");
    }
    if (c.errorClass() == ErrorClass.CONFIG) {
      return c.withHint("check the stream's dimensions, metrics and dimension_filter against the Data API schema"
          + " (https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema)");
    }
    return c;
  }
}
