package io.tributary.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import java.io.IOException;

/**
 * The one place that turns a failed Salesforce response into a typed {@link TributaryException}.
 *
 * <p>REST errors are a JSON array of {@code {message, errorCode}}; the token endpoint answers an object
 * {@code {error, error_description}}. Status decides first for 429 and 5xx (always TRANSIENT); otherwise the error
 * code does. The HTTP layer refreshes the token once on INVALID_SESSION_ID before it asks here.
 */
public final class SalesforceErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 600;

  private SalesforceErrors() {}

  /** Reads the error code and message from a body; tolerant of empty or non-JSON bodies. */
  public static SalesforceError parse(int status, String body) {
    JsonNode n;
    try {
      n = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (IOException e) {
      n = null;
    }
    if (n != null && n.isArray() && n.size() > 0) {
      JsonNode first = n.get(0);
      return new SalesforceError(status, text(first, "errorCode"), text(first, "message"), false);
    }
    if (n != null && n.isObject() && n.has("error")) {
      return new SalesforceError(status, text(n, "error"), text(n, "error_description"), true);
    }
    if (n != null && n.isObject() && n.has("errorCode")) {
      return new SalesforceError(status, text(n, "errorCode"), text(n, "message"), false);
    }
    return new SalesforceError(status, null, null, false);
  }

  /** True when the HTTP layer should refresh the access token and retry once. */
  public static boolean isExpiredSession(int status, String body) {
    return status == 401 && "INVALID_SESSION_ID".equals(parse(status, body).errorCode());
  }

  /**
   * Classifies a failed response.
   *
   * @param status HTTP status (>= 400)
   * @param body the response body (small; error bodies only)
   * @param where what was called, for the message (like "query Account"); never a URL with a token
   */
  public static TributaryException classify(int status, String body, String where) {
    SalesforceError e = parse(status, body);
    String code = e.errorCode() == null ? "HTTP " + status : e.errorCode();
    String what = "Salesforce " + where + " failed: " + code + (e.message() == null ? "" : ": " + clip(e.message()));
    if (status == 429 || status >= 500) {
      return new TributaryException(Kind.TRANSIENT, what, "transient: retried with backoff", null);
    }
    if (e.oauth()) {
      return TributaryException.auth(what, switch (code) {
        case "invalid_client_id", "invalid_client" ->
            "check the connected app's consumer key (and secret) in the job's salesforce auth settings";
        default -> "check the username, that the user pre-authorized the connected app, the JWT audience"
            + " (login.salesforce.com or test.salesforce.com) and the private key matching the uploaded certificate";
      });
    }
    return switch (code) {
      case "INVALID_SESSION_ID" -> TributaryException.auth(what,
          "the session stayed invalid after a token refresh: check the integration user is active and the"
          + " connected app's session policies");
      case "REQUEST_LIMIT_EXCEEDED" -> new TributaryException(Kind.QUOTA, what,
          "the org's daily API request limit is used up; the run stops with its cursor saved: rerun after the"
          + " 24-hour window frees calls, or lower the job's call volume (larger batches, Bulk API)", null);
      case "INVALID_FIELD" -> TributaryException.config(what,
          "remove or rename the field in the stream's field list; run `tributary discover` to list the object's"
          + " fields (custom fields end in __c) and check the user's field-level security");
      case "MALFORMED_QUERY", "INVALID_QUERY_FILTER_OPERATOR" -> TributaryException.config(what,
          "check the stream's filter and field list; the query Tributary sent is in the message");
      case "INVALID_TYPE" -> TributaryException.config(what,
          "check the stream's object name (custom objects end in __c) and that the user can read it");
      case "QUERY_TIMEOUT" -> new TributaryException(Kind.TRANSIENT, what,
          "transient: retried; if it persists, narrow the stream's window or use the Bulk API", null);
      case "NOT_FOUND" -> TributaryException.config(what,
          "check the object name and the API version in the job file");
      case "JOB_NOT_COMPLETE" -> new TributaryException(Kind.TRANSIENT, what,
          "transient: poll the job until JobComplete before reading results", null);
      case "API_DISABLED_FOR_ORG", "INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY" ->
          TributaryException.auth(what, "give the integration user the API Enabled permission and read access");
      default -> status == 401 || status == 403
          ? TributaryException.auth(what, "check the integration user's permissions and the connected app")
          : status == 409 || status == 412
              ? new TributaryException(Kind.INTERNAL, what, "a Tributary bug in the Bulk API flow: report it", null)
              : TributaryException.config(what, "check the job's Salesforce settings");
    };
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String clip(String s) {
    String oneLine = s.strip();
    return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
  }
}
