package io.tributary.auth;

import static io.tributary.http.LoopbackServer.json;
import static io.tributary.http.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import io.tributary.http.HttpCall;
import io.tributary.http.LoopbackServer;
import io.tributary.http.ResilientHttpClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sandbox")
class OAuthRefreshTest {

  private static final String EXPIRED =
      "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

  private LoopbackServer server;
  private ClientCredentialsAuth auth;
  private ResilientHttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    AtomicInteger issued = new AtomicInteger();
    server.always("/token", ex -> json("{\"access_token\":\"tok-" + issued.incrementAndGet()
        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").respond(ex));
    TokenEndpoint endpoint = TokenEndpoint.create(server.fastSettings("acme-token"), server.uri().resolve("/token"));
    auth = new ClientCredentialsAuth(endpoint, "client-1", "s3cr3t", "read", ClientAuthMethod.CLIENT_SECRET_POST);
    client = ResilientHttpClient.builder(server.fastSettings("acme")).auth(auth).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void expiredTokenIsRefreshedOnceAndTheCallRetried() {
    server.script("/api", status(401, EXPIRED), json("{\"rows\":[]}"));
    assertThat(client.sendForText(HttpCall.get("/api"))).isEqualTo("{\"rows\":[]}");
    assertThat(server.count("/token")).isEqualTo(2);
    assertThat(server.seen.stream().filter(s -> s.uri().getPath().equals("/api")).map(s -> s.header("Authorization")))
        .containsExactly("Bearer tok-1", "Bearer tok-2");
    assertThat(server.seen.get(0).body())
        .isEqualTo("grant_type=client_credentials&scope=read&client_id=client-1&client_secret=s3cr3t");
  }

  @Test
  void secondUnauthorizedAfterRefreshFailsAuthWithHint() {
    server.script("/api", status(401, EXPIRED), status(401, EXPIRED), json("{}"));
    assertThatThrownBy(() -> client.sendForText(HttpCall.get("/api")))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.AUTH);
          assertThat(e.getMessage()).isEqualTo("acme GET /api: HTTP 401 — INVALID_SESSION_ID: Session expired or"
              + " invalid (again, after refreshing the token)");
          assertThat(e.hint()).contains("integration user is active");
          assertThat(e.getMessage() + e.hint()).doesNotContain("tok-");
        });
    assertThat(server.count("/api")).isEqualTo(2);
    assertThat(server.count("/token")).isEqualTo(2);
  }

  @Test
  void staticBearerTokenCannotRefresh() {
    ResilientHttpClient plain = ResilientHttpClient.builder(server.fastSettings("acme"))
        .auth(new BearerTokenAuth("pat-abc")).build();
    server.script("/api", status(401, "{\"message\":\"expired\"}"));
    assertThatThrownBy(() -> plain.sendForText(HttpCall.get("/api")))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH));
    assertThat(server.count("/api")).isEqualTo(1);
  }

  @Test
  void basicClientAuthenticationSendsEncodedCredentialsHeader() {
    TokenEndpoint endpoint = TokenEndpoint.create(server.fastSettings("acme-token"), server.uri().resolve("/token"));
    new ClientCredentialsAuth(endpoint, "id:1", "p&ss", null, ClientAuthMethod.CLIENT_SECRET_BASIC).tokenResponse();
    // base64("id%3A1:p%26ss") per RFC 6749 2.3.1 (form-encode, then base64), computed with: printf 'id%%3A1:p%%26ss' | base64
    assertThat(server.seen.get(0).header("Authorization")).isEqualTo("Basic aWQlM0ExOnAlMjZzcw==");
    assertThat(server.seen.get(0).body()).isEqualTo("grant_type=client_credentials");
  }
}
