package io.tributary.auth;

import static io.tributary.http.LoopbackServer.json;
import static io.tributary.http.LoopbackServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.TributaryException;
import io.tributary.core.TributaryException.Kind;
import io.tributary.http.LoopbackServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sandbox")
class TokenCacheTest {

  private LoopbackServer server;
  private final AtomicInteger issued = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TokenEndpoint endpoint() {
    return TokenEndpoint.create(server.fastSettings("hubspot"), server.uri().resolve("/oauth/v1/token"));
  }

  private void tokensLasting(long seconds, long delayMs) {
    server.always("/oauth/v1/token", ex -> {
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      json("{\"access_token\":\"at-" + issued.incrementAndGet() + "\",\"refresh_token\":\"rt-1\",\"expires_in\":"
          + seconds + "}").respond(ex);
    });
  }

  @Test
  void sixteenConcurrentCallersCauseOneTokenCall() throws Exception {
    tokensLasting(1800, 200);
    ClientCredentialsAuth auth = new ClientCredentialsAuth(endpoint(), "id", "secret", null,
        ClientAuthMethod.CLIENT_SECRET_POST);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      results.add(pool.submit(() -> {
        go.await();
        return auth.tokenResponse().accessToken();
      }));
    }
    go.countDown();
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    for (Future<String> f : results) {
      tokens.add(f.get(10, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(server.count("/oauth/v1/token")).isEqualTo(1);
    assertThat(tokens).containsExactly("at-1");
  }

  @Test
  void tokenIsRefreshedBeforeItExpires() {
    tokensLasting(1800, 0);
    MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    ClientCredentialsAuth auth = new ClientCredentialsAuth(endpoint(), "id", "secret", null,
        ClientAuthMethod.CLIENT_SECRET_POST, clock);
    assertThat(auth.tokenResponse().accessToken()).isEqualTo("at-1");
    // 1800 s lifetime: skew = min(60 s, 180 s) = 60 s, so at-1 is used until 1739 s and replaced at 1740 s
    clock.advance(Duration.ofSeconds(1739));
    assertThat(auth.tokenResponse().accessToken()).isEqualTo("at-1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(auth.tokenResponse().accessToken()).isEqualTo("at-2");
    assertThat(server.count("/oauth/v1/token")).isEqualTo(2);
  }

  @Test
  void shortLivedTokenUsesTenPercentSkew() {
    tokensLasting(100, 0);
    MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    ClientCredentialsAuth auth = new ClientCredentialsAuth(endpoint(), "id", "secret", null,
        ClientAuthMethod.CLIENT_SECRET_POST, clock);
    auth.tokenResponse();
    clock.advance(Duration.ofSeconds(89));
    assertThat(auth.tokenResponse().accessToken()).isEqualTo("at-1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(auth.tokenResponse().accessToken()).isEqualTo("at-2");
  }

  @Test
  void invalidGrantIsAnAuthFailureWithHintAndNoSecrets() {
    server.always("/oauth/v1/token",
        status(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}"));
    RefreshTokenAuth auth = new RefreshTokenAuth(endpoint(), "id", "client-secret-xyz",
        ClientAuthMethod.CLIENT_SECRET_POST, "refresh-abc", new InMemoryStore(), "k");
    assertThatThrownBy(auth::tokenResponse).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.kind()).isEqualTo(Kind.AUTH);
      assertThat(e.getMessage()).isEqualTo(
          "hubspot POST /oauth/v1/token: HTTP 400 — invalid_grant: expired access/refresh token");
      assertThat(e.hint()).startsWith("the grant was rejected");
      assertThat(e.describe()).doesNotContain("client-secret-xyz").doesNotContain("refresh-abc");
    });
    assertThat(server.count("/oauth/v1/token")).isEqualTo(1);
  }

  @Test
  void toStringNeverShowsTokens() {
    tokensLasting(1800, 0);
    ClientCredentialsAuth auth = new ClientCredentialsAuth(endpoint(), "id", "secret", null,
        ClientAuthMethod.CLIENT_SECRET_POST);
    TokenResponse r = auth.tokenResponse();
    assertThat(r.toString()).isEqualTo("TokenResponse[access_token, refresh_token, expires_in]");
    assertThat(auth.toString()).doesNotContain("at-1").doesNotContain("secret");
  }

  static final class InMemoryStore implements RefreshTokenStore {
    final java.util.Map<String, String> saved = new ConcurrentHashMap<>();

    @Override
    public java.util.Optional<String> load(String key) {
      return java.util.Optional.ofNullable(saved.get(key));
    }

    @Override
    public void save(String key, String refreshToken) {
      saved.put(key, refreshToken);
    }
  }

  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
