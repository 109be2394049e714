package io.tributary.http;

import java.net.http.HttpHeaders;

/**
 * Finds the errors a platform reports inside a successful (2xx) JSON response, such as Marketo's
 * {@code "success": false} with an {@code errors} array. Called by {@link ResilientHttpClient} on the calling thread,
 * once per 2xx response whose {@code Content-Type} is JSON, with the whole body read (such bodies are small); a
 * verdict is then handled exactly like an error status (refresh on {@link ErrorClass#AUTH_EXPIRED}, retry on
 * {@link ErrorClass#TRANSIENT}, fail fast otherwise). Other bodies (files, CSV) are never read ahead.
 */
@FunctionalInterface
public interface BodyErrorClassifier {

  /** Never looks: for platforms that always signal errors with the status. */
  BodyErrorClassifier NONE = (headers, body) -> null;

  /** The verdict on a body that reports an error, or null when the response is a real success. */
  Classification classify(HttpHeaders headers, String body);
}
