package io.tributary.source.sap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import java.net.http.HttpHeaders;

/**
 * Every SAP OData error rule. SAP Gateway answers {@code {"error":{"code","message":{"lang","value"},
 * "innererror":{...,"errordetails":[...]}}}} (API_SALES_ORDER_SRV OpenAPI {@code components.schemas.error}; the
 * 404 "Resource not found for segment" recording in ../shared/fixtures/sap). 401 is an expired or wrong credential
 * (refreshed once for OAuth, then AUTH), 403 a missing authorization; 400/404 are wrong entity sets or properties,
 * reported with the vendor's text; 429/500/502/503/504 are transient and honour Retry-After.
 */
public final class SapErrors extends DefaultErrorClassifier {

  static final String AUTH_HINT = "check source.user/password (or client_id/client_secret and token_url); the"
      + " communication user needs the communication arrangement for this service (S/4HANA Cloud) or the"
      + " service's authorization role and /IWFND/MAINT_SERVICE activation (on-premise)";
  static final String CONFIG_HINT = "check the stream's service, entity_set and change_field against the service's"
      + " $metadata (names are case-sensitive, for example A_SalesOrder and LastChangeDateTime)";
  private static final ObjectMapper JSON = new ObjectMapper();


  /** The Gateway message code ({@code error.code}), or null when the body is not a Gateway error. */
  static String code(String body) {
    try {
      JsonNode n = JSON.readTree(body == null ? "" : body);
      return n == null ? null : n.path("error").path("code").asText(null);
    } catch (Exception notJson) {
      return null; // an HTML logon page or an empty body: the status decides
    }
  }

  /** {@code error.message.value} (v2) or {@code error.message} (v4), with the code; else the raw text. */
  static String message(String body) {
    try {
      JsonNode error = JSON.readTree(body == null ? "" : body).path("error");
      JsonNode msg = error.path("message");
      String text = msg.isObject() ? msg.path("value").asText(null) : msg.asText(null);
      if (text != null) {
        String code = error.path("code").asText("");
        return code.isEmpty() ? text : code + ": " + text;
      }
    } catch (Exception notJson) {
      // fall through to the generic extraction
    }
    return io.tributary.http.VendorMessage.extract(body);
  }

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    String vendor = message(body);
    return switch (status) {
      case 401 -> Classification.of(ErrorClass.AUTH_EXPIRED, vendor).withHint(AUTH_HINT);
      case 403 -> Classification.of(ErrorClass.AUTH, vendor).withHint(AUTH_HINT);
      case 400, 404 -> Classification.of(ErrorClass.CONFIG, vendor).withHint(CONFIG_HINT);
      case 429, 503, 504, 500, 502, 408 -> Classification.of(ErrorClass.TRANSIENT, vendor)
          .withRetryAfter(retryAfter(headers));
      default -> super.classify(status, headers, body);
    };
  }
}
