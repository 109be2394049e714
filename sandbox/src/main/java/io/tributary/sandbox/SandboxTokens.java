package io.tributary.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens a platform issued, and whether each is still valid under the run's token lifetime. */
public final class SandboxTokens {

  private final Map<String, Instant> issued = new ConcurrentHashMap<>();
  private final SandboxClock clock;
  private final Duration lifetime;

  /** @param lifetime how long a token lives, or null for forever */
  public SandboxTokens(SandboxClock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** The token of an {@code Authorization: Bearer <token>} header, or null when the header is absent or another scheme. */
  public static String bearer(String authorization) {
    return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
  }

  public void register(String token) {
    issued.put(token, clock.now());
  }

  /** True when the token was issued here and has not expired. */
  public boolean isValid(String token) {
    Instant at = token == null ? null : issued.get(token);
    if (at == null) {
      return false;
    }
    return lifetime == null || clock.now().isBefore(at.plus(lifetime));
  }

  /** When a token issued here stopped being valid, or null when it is unknown here or still valid. */
  public Instant expiredAt(String token) {
    Instant at = token == null ? null : issued.get(token);
    if (at == null || lifetime == null) {
      return null;
    }
    Instant end = at.plus(lifetime);
    return clock.now().isBefore(end) ? null : end;
  }

  public Duration lifetime() {
    return lifetime;
  }
}
