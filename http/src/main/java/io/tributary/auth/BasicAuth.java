package io.tributary.auth;

import io.tributary.http.AuthProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** HTTP Basic. Greenhouse Harvest uses the API token as user name and an empty password. */
public final class BasicAuth implements AuthProvider {

  private final String header;

  public BasicAuth(String user, String password) {
    String pair = user + ":" + (password == null ? "" : password);
    this.header = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void apply(HttpRequest.Builder request, String method, URI uri, Map<String, String> formFields) {
    request.setHeader("Authorization", header);
  }

  @Override
  public String toString() {
    return "BasicAuth{}";
  }
}
