package io.tributary.auth;

import java.util.Optional;

/**
 * Keeps the latest refresh token of an OAuth connection, for platforms that rotate it on every use. Called by
 * {@link RefreshTokenAuth} under its token lock (one thread at a time per connection). Implementations must never
 * log the token.
 */
public interface RefreshTokenStore {

  /** The last saved token for this connection key, if any. */
  Optional<String> load(String key);

  /** Saves a rotated token so the next run starts from it. */
  void save(String key, String refreshToken);
}
