package io.tributary.http;

import java.net.http.HttpHeaders;

/**
 * Decides what a non-2xx response means. One implementation per platform (in the platform's source package), so
 * every status/error-code rule for a vendor lives in one place. Called by {@link ResilientHttpClient} on the calling
 * thread, once per error response, with the body already read (at most 64 KiB, decompressed).
 */
@FunctionalInterface
public interface ErrorClassifier {

  Classification classify(int status, HttpHeaders headers, String body);
}
