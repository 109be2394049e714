package io.tributary.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.TributaryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed OAuth token response with every field the platform sent (Salesforce adds {@code instance_url},
 * {@code issued_at}, {@code signature}; HubSpot {@code expires_in}; some rotate {@code refresh_token}).
 * {@link #toString()} lists field names only, never values.
 */
public final class TokenResponse {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode fields;

  private TokenResponse(JsonNode fields) {
    this.fields = fields;
  }

  /** Parses a token endpoint's JSON body; a body without {@code access_token} is an AUTH failure. */
  public static TokenResponse parse(String platform, String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (Exception e) {
      node = null;
    }
    if (node == null || !node.isObject() || node.path("access_token").asText("").isEmpty()) {
      throw TributaryException.auth(platform + " token endpoint answered without an access_token",
          "check the token URL in the job file: it must be the platform's OAuth 2.0 token endpoint");
    }
    return new TokenResponse(node);
  }

  public String accessToken() {
    return fields.get("access_token").asText();
  }

  public Optional<String> refreshToken() {
    return field("refresh_token");
  }

  /** {@code expires_in}, when the platform sends it (Salesforce does not: its tokens live until a 401). */
  public Optional<Duration> expiresIn() {
    JsonNode n = fields.get("expires_in");
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    long seconds = n.isNumber() ? n.asLong() : parseLong(n.asText());
    return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
  }

  /** Salesforce's {@code instance_url}: the base for every API call of this org. */
  public Optional<String> instanceUrl() {
    return field("instance_url");
  }

  /** Any top-level field as text. */
  public Optional<String> field(String name) {
    JsonNode n = fields.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.isValueNode() ? n.asText() : n.toString());
  }

  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    fields.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String toString() {
    return "TokenResponse" + fieldNames();
  }
}
