package io.tributary.source.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.http.Classification;
import io.tributary.http.DefaultErrorClassifier;
import io.tributary.http.ErrorClass;
import io.tributary.http.VendorMessage;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every NetSuite REST error rule. Bodies are RFC 9457-style problem details with {@code o:errorDetails[]} of
 * {@code detail}, {@code o:errorCode} and {@code o:errorQueryParam} (../shared/fixtures/netsuite recordings).
 * Concurrency errors are transient however they are worded: as a 429 {@code CONCURRENCY_LIMIT_EXCEEDED}, or as a
 * 401 "Invalid login attempt", which NetSuite answers when an account's concurrency is exceeded
 * (julbrs/netsuite-api-client#26). A genuine credential error is therefore only reported after the retries.
 */
public final class NetSuiteErrors extends DefaultErrorClassifier {

  static final String LOGIN_HINT = "NetSuite answers both bad credentials and exceeded concurrency with 'Invalid login"
      + " attempt': if it persists, check account_id (realm), the consumer key/secret and token id/secret, that the"
      + " role has 'REST Web Services' and 'Log in using Access Tokens', and Setup > Users/Roles > User Management >"
      + " View Login Audit Trail; otherwise lower source.concurrency";
  private static final ObjectMapper JSON = new ObjectMapper();


  /** The {@code o:errorCode} values of a body, in order; empty when it has none. */
  static List<String> codes(String body) {
    List<String> codes = new ArrayList<>();
    try {
      JsonNode n = JSON.readTree(body == null ? "" : body);
      if (n != null) {
        n.path("o:errorDetails").forEach(d -> codes.add(d.path("o:errorCode").asText("")));
      }
    } catch (Exception notJson) {
      // an HTML or empty body: the status decides
    }
    return codes;
  }

  @Override
  public Classification classify(int status, HttpHeaders headers, String body) {
    String vendor = VendorMessage.extract(body);
    List<String> codes = codes(body);
    String text = (body == null ? "" : body).toLowerCase(Locale.ROOT);
    if (codes.contains("CONCURRENCY_LIMIT_EXCEEDED") || text.contains("concurrent request limit")
        || text.contains("concurrency limit")) {
      return Classification.of(ErrorClass.TRANSIENT, vendor)
          .withRetryAfter(retryAfter(headers))
          .withHint("lower source.concurrency if other integrations share this account");
    }
    if (status == 401 || codes.contains("INVALID_LOGIN") || codes.contains("INVALID_LOGIN_ATTEMPT")
        || text.contains("invalid login attempt")) {
      return Classification.of(ErrorClass.TRANSIENT, vendor).withHint(LOGIN_HINT);
    }
    if (status == 403) {
      return Classification.of(ErrorClass.AUTH, vendor).withHint("give the token's role the 'REST Web Services'"
          + " permission and view permission on the records the stream queries");
    }
    if (status == 400 && codes.contains("INVALID_PARAMETER")) {
      return Classification.of(ErrorClass.CONFIG, vendor).withHint("check the stream's table, columns and where"
          + " options against the SuiteQL Records Catalog (Setup > Records Catalog); names are case-insensitive"
          + " SuiteQL identifiers such as customer, transaction, lastmodifieddate");
    }
    return super.classify(status, headers, body);
  }
}
