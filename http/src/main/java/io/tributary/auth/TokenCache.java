package io.tributary.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Holds the current access token and fetches a new one when there is none, when it is within the refresh skew of
 * its expiry (the smaller of {@code maxSkew} and 10% of its lifetime), or when the platform rejected it. Fetches
 * are single-flight: the monitor serializes callers, so 16 threads asking at once cause one token call and all get
 * its result. Tokens without {@code expires_in} are used until the platform answers 401.
 */
public final class TokenCache {

  private final Supplier<TokenResponse> fetcher;
  private final Clock clock;
  private final Duration maxSkew;
  private TokenResponse current;
  private Instant refreshAt;

  public TokenCache(Supplier<TokenResponse> fetcher, Clock clock, Duration maxSkew) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.maxSkew = maxSkew;
  }

  /** The current token, fetched first if missing or about to expire. */
  public synchronized TokenResponse current() {
    if (current == null || (refreshAt != null && !clock.instant().isBefore(refreshAt))) {
      fetch();
    }
    return current;
  }

  /**
   * After a 401: fetches a new token unless the rejected one was already replaced by another thread. Returns true
   * when a token other than the rejected one is now current.
   */
  public synchronized boolean refreshIfCurrent(String rejectedAccessToken) {
    if (current != null && rejectedAccessToken != null && !current.accessToken().equals(rejectedAccessToken)) {
      return true;
    }
    fetch();
    return true;
  }

  private void fetch() {
    TokenResponse fresh = fetcher.get();
    Instant now = clock.instant();
    refreshAt = fresh.expiresIn().map(life -> {
      Duration tenth = life.dividedBy(10);
      return now.plus(life).minus(tenth.compareTo(maxSkew) < 0 ? tenth : maxSkew);
    }).orElse(null);
    current = fresh;
  }

  @Override
  public String toString() {
    return "TokenCache{refreshAt=" + refreshAt + "}";
  }
}
