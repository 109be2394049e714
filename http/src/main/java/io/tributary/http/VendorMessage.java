package io.tributary.http;

import io.tributary.core.Redactor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Pulls the human message out of a vendor error body: Salesforce arrays of {@code {message, errorCode}}, OAuth
 * {@code error/error_description}, SAP {@code error.message.value}, RFC 9457 {@code title/detail} with NetSuite
 * {@code o:errorDetails}, or a plain {@code message}. Falls back to the raw text. The result is redacted and capped.
 */
public final class VendorMessage {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_CHARS = 500;

  private VendorMessage() {}

  public static String extract(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    String text;
    try {
      text = fromJson(JSON.readTree(body));
    } catch (Exception notJson) {
      text = null;
    }
    if (text == null || text.isBlank()) {
      text = body.strip();
    }
    text = Redactor.text(text.replaceAll("\\s+", " "));
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
  }

  private static String fromJson(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode item : n) {
        String one = fromJson(item);
        if (one != null) {
          sb.append(sb.length() == 0 ? "" : "; ").append(one);
        }
      }
      return sb.toString();
    }
    if (!n.isObject()) {
      return n.isTextual() ? n.asText() : null;
    }
    if (n.has("o:errorDetails")) {
      return fromJson(n.get("o:errorDetails"));
    }
    if (n.has("error") && n.get("error").isObject()) {
      return fromJson(n.get("error"));
    }
    String code = first(n, "errorCode", "code", "error", "o:errorCode");
    String msg = first(n, "error_description", "message", "detail", "title", "errorMessage");
    if (msg == null && n.path("message").isObject()) {
      msg = n.path("message").path("value").asText(null);
    }
    if (msg == null) {
      return code;
    }
    return code == null ? msg : code + ": " + msg;
  }

  private static String first(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && v.isValueNode() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }
}
