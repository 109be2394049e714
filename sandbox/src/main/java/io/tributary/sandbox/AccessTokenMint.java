package io.tributary.sandbox;

import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Issues one platform's access tokens: random bytes drawn from the run's seed (so a rerun with the same seed issues the
 * same tokens), base64url-encoded behind the platform's prefix, and registered with the server's {@link SandboxTokens}
 * so the platform's routes accept them until they expire. Token endpoints call {@link #issue} on server threads.
 */
public final class AccessTokenMint {

  private final SandboxTokens tokens;
  private final SplittableRandom random;

  /** @param salt mixed into the run's seed, one per platform, so platforms do not issue each other's tokens */
  public AccessTokenMint(SandboxContext context, long salt) {
    this.tokens = context.tokens();
    this.random = new SplittableRandom(context.options().seed() ^ salt);
  }

  /** A new registered token: {@code prefix} followed by {@code randomBytes} random bytes in base64url. */
  public String issue(String prefix, int randomBytes) {
    byte[] bytes = new byte[randomBytes];
    synchronized (random) {
      random.nextBytes(bytes);
    }
    String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokens.register(token);
    return token;
  }
}
