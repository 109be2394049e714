package io.tributary.http;

/** What an HTTP error response means for the caller; decided by a platform's {@link ErrorClassifier}. */
public enum ErrorClass {
  /** Retry with backoff (429, 5xx, 408), honouring Retry-After. */
  TRANSIENT,
  /** The access token expired: refresh it once and retry once. */
  AUTH_EXPIRED,
  /** Credentials or permissions rejected: fail fast with a fix hint. */
  AUTH,
  /** Bad request, unknown field or object, wrong URL: fail fast with a fix hint. */
  CONFIG,
  /** One record was rejected: the caller quarantines it. */
  RECORD,
  /** The platform's quota is exhausted: stop cleanly, restartable. */
  QUOTA
}
