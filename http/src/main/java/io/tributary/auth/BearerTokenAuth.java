package io.tributary.auth;

import io.tributary.http.AuthProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/** A static bearer token (HubSpot private app, Marketo-style fixed tokens). A 401 cannot be refreshed. */
public final class BearerTokenAuth implements AuthProvider {

  private final String token;

  public BearerTokenAuth(String token) {
    this.token = token;
  }

  @Override
  public void apply(HttpRequest.Builder request, String method, URI uri, Map<String, String> formFields) {
    request.setHeader("Authorization", "Bearer " + token);
  }

  @Override
  public String toString() {
    return "BearerTokenAuth{}";
  }
}
