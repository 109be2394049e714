package io.tributary.http;

import io.tributary.core.Redactor;

import io.tributary.core.TributaryException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a call: sign, send, log, meter, classify. Includes the single refresh-and-retry on an expired
 * token, so that a 401 never consumes a transient retry. Thread-safe; one per client.
 */
final class Exchange {

  /** What the caller does with a successful response; owns (closes) the body unless it hands it out. */
  @FunctionalInterface
  interface Handler<T> {
    T handle(HttpResponse<InputStream> response, InputStream decodedBody) throws IOException;
  }

  private static final Logger log = LoggerFactory.getLogger(Exchange.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpSettings settings;
  private final HttpClient http;
  private final AuthProvider auth;
  private final ErrorClassifier classifier;
  private final BodyErrorClassifier bodyErrors;
  private final QuotaGuard quota;
  private final HttpMetrics metrics;
  private final CallFailures failures;

  Exchange(HttpSettings settings, HttpClient http, AuthProvider auth, ErrorClassifier classifier,
      BodyErrorClassifier bodyErrors, QuotaGuard quota, HttpMetrics metrics) {
    this.settings = settings;
    this.http = http;
    this.auth = auth;
    this.classifier = classifier;
    this.bodyErrors = bodyErrors;
    this.quota = quota;
    this.metrics = metrics;
    this.failures = new CallFailures(settings);
  }

  CallFailures failures() {
    return failures;
  }

  <T> T run(HttpCall call, int attempt, Handler<T> handler) {
    try {
      return attempt(call, attempt, handler);
    } catch (TransientCallFailure f) {
      if (call.repeatable() || f.surelyUnprocessed()) {
        throw f;
      }
      throw TributaryException.transientFailure(f.getMessage() + " (not retried: the platform may have processed"
          + " this request)", f.getCause());
    }
  }

  private <T> T attempt(HttpCall call, int attempt, Handler<T> handler) {
    URI uri = call.resolve(settings.baseUri());
    boolean refreshed = false;
    while (true) {
      HttpRequest request = build(call, uri);
      HttpResponse<InputStream> response = send(request, attempt);
      quota.observe(response.headers());
      int status = response.statusCode();
      InputStream body = decoded(response, request);
      Classification c;
      if (status >= 200 && status < 300) {
        if (bodyErrors == BodyErrorClassifier.NONE || !isJson(response)) {
          return handle(handler, response, body, request);
        }
        byte[] bytes = readSuccessBody(body, request);
        c = bodyErrors.classify(response.headers(), new String(bytes, StandardCharsets.UTF_8));
        if (c == null) {
          return handle(handler, response, new java.io.ByteArrayInputStream(bytes), request);
        }
      } else {
        c = classifier.classify(status, response.headers(), readErrorBody(body));
      }
      if (c.errorClass() == ErrorClass.AUTH_EXPIRED && !refreshed && auth.refresh(request)) {
        log.debug("{} {} {}: HTTP {}, credentials refreshed, retrying once", settings.platform(), request.method(),
            Redactor.path(uri), status);
        refreshed = true;
        continue;
      }
      throw failures.fromResponse(request.method(), uri, status, c, refreshed);
    }
  }

  private HttpRequest build(HttpCall call, URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.readTimeout());
    boolean acceptEncoding = false;
    for (var h : call.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
      acceptEncoding |= h.getKey().equalsIgnoreCase("Accept-Encoding");
    }
    if (!acceptEncoding) {
      b.header("Accept-Encoding", "gzip");
    }
    byte[] body = call.bodyBytes();
    b.method(call.method(), body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    auth.apply(b, call.method(), uri, call.formFields());
    return b.build();
  }

  private HttpResponse<InputStream> send(HttpRequest request, int attempt) {
    long start = System.nanoTime();
    try {
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      metrics.call(String.valueOf(r.statusCode()), took);
      log.debug("{} {} {} -> {} in {} ms (attempt {})", settings.platform(), request.method(),
          Redactor.url(request.uri()), r.statusCode(), took.toMillis(), attempt);
      return r;
    } catch (HttpTimeoutException e) {
      throw ioFailure(request, attempt, start, "no response within read_timeout "
          + settings.readTimeout().toMillis() + " ms", e);
    } catch (IOException e) {
      throw ioFailure(request, attempt, start, "connection failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(TributaryException.Kind.TRANSIENT,
          failures.describe(request.method(), request.uri(), "interrupted"), "run the job again", e);
    }
  }

  private TransientCallFailure ioFailure(HttpRequest request, int attempt, long start, String what, Exception e) {
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    metrics.call("io_error", took);
    log.debug("{} {} {} -> {} after {} ms (attempt {})", settings.platform(), request.method(),
        Redactor.url(request.uri()), e.getClass().getSimpleName(), took.toMillis(), attempt);
    return new TransientCallFailure(failures.describe(request.method(), request.uri(), what), null, e,
        e instanceof java.net.ConnectException);
  }

  private <T> T handle(Handler<T> handler, HttpResponse<InputStream> response, InputStream body,
      HttpRequest request) {
    try {
      return handler.handle(response, body);
    } catch (IOException e) {
      closeQuietly(body);
      throw new TransientCallFailure(failures.describe(request.method(), request.uri(),
          "connection failed while reading the response body: " + describe(e)), null, e);
    } catch (RuntimeException e) {
      closeQuietly(body);
      throw e;
    }
  }

  private InputStream decoded(HttpResponse<InputStream> response, HttpRequest request) {
    boolean gzip = response.headers().firstValue("Content-Encoding")
        .map(v -> v.toLowerCase(java.util.Locale.ROOT).contains("gzip")).orElse(false);
    if (!gzip) {
      return response.body();
    }
    try {
      return new GZIPInputStream(response.body(), 64 * 1024);
    } catch (EOFException empty) {
      return InputStream.nullInputStream();
    } catch (IOException e) {
      closeQuietly(response.body());
      throw new TransientCallFailure(failures.describe(request.method(), request.uri(),
          "gzip body could not be opened: " + describe(e)), null, e);
    }
  }

  private static boolean isJson(HttpResponse<InputStream> response) {
    return response.headers().firstValue("Content-Type")
        .map(v -> v.toLowerCase(java.util.Locale.ROOT).contains("json")).orElse(false);
  }

  private byte[] readSuccessBody(InputStream body, HttpRequest request) {
    try (InputStream in = body) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new TransientCallFailure(failures.describe(request.method(), request.uri(),
          "connection failed while reading the response body: " + describe(e)), null, e);
    }
  }

  private static String readErrorBody(InputStream body) {
    try (InputStream in = body) {
      return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + Redactor.text(e.getMessage()));
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing; the original error is what the user needs
    }
  }
}
