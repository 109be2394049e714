package io.tributary.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tributary.core.TributaryException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client every SaaS source uses. Per call: quota check, then Retry( RateLimiter( CircuitBreaker(
 * attempt ))), where an attempt signs the request, sends it, and on 401 refreshes credentials once. Transient
 * failures (429, 5xx, 408, I/O errors, timeouts) are retried with exponential backoff and jitter, honouring
 * Retry-After; everything else fails fast as a typed {@link TributaryException}. Thread-safe: a source builds one
 * per job and may call it from several threads.
 */
public final class ResilientHttpClient {

  private static final Logger log = LoggerFactory.getLogger(ResilientHttpClient.class);
  private static final Set<String> WARNED_INSECURE = ConcurrentHashMap.newKeySet();

  private final HttpSettings settings;
  private final Exchange exchange;
  private final QuotaGuard quota;
  private final Retry retry;
  private final RateLimiter limiter;
  private final CircuitBreaker breaker;

  private ResilientHttpClient(Builder b) {
    this.settings = b.settings;
    HttpMetrics metrics = new HttpMetrics(b.registry, settings.platform());
    this.quota = new QuotaGuard(settings.platform(), settings.quotaStopShare(), b.quotaMonitor);
    this.exchange = new Exchange(settings, b.httpClient != null ? b.httpClient : newHttpClient(b.sslContext),
        b.auth, b.classifier, b.bodyErrors, quota, metrics);
    this.retry = Retry.of("tributary-" + settings.platform(), RetryConfig.custom()
        .maxAttempts(settings.maxAttempts())
        .intervalBiFunction(new Backoff(settings))
        .retryOnException(e -> e instanceof TransientCallFailure)
        .build());
    retry.getEventPublisher().onRetry(e -> {
      metrics.retry();
      log.info("{}; retry {}/{} in {} ms", e.getLastThrowable().getMessage(), e.getNumberOfRetryAttempts(),
          settings.maxAttempts() - 1, e.getWaitInterval().toMillis());
    });
    this.limiter = SharedRateLimiters.forAccount(settings, b.account);
    this.breaker = CircuitBreaker.of("tributary-" + settings.platform(), CircuitBreakerConfig.custom()
        .failureRateThreshold(settings.circuitFailureRate())
        .minimumNumberOfCalls(settings.circuitMinimumCalls())
        .slidingWindowSize(Math.max(settings.circuitMinimumCalls(), 10))
        .waitDurationInOpenState(settings.circuitOpenWait())
        .recordException(e -> e instanceof TransientCallFailure)
        .build());
  }

  public static Builder builder(HttpSettings settings) {
    return new Builder(settings);
  }

  public HttpSettings settings() {
    return settings;
  }

  /** Sends the call and hands the (decompressed) body stream to {@code reader}; the stream is closed after. */
  public <T> T send(HttpCall call, BodyReader<T> reader) {
    return execute(call, (response, body) -> {
      try (InputStream in = body) {
        return reader.read(response.statusCode(), response.headers(), in);
      }
    });
  }

  /** Sends the call and returns the body as UTF-8 text: for small JSON responses. */
  public String sendForText(HttpCall call) {
    return send(call, BodyReader.text());
  }

  /**
   * Sends the call and returns once the headers of a successful response arrived; the caller streams the body and
   * closes it. Retries cover everything up to the headers, not the body.
   */
  public StreamedResponse open(HttpCall call) {
    return execute(call, (response, body) -> new StreamedResponse(response.statusCode(), response.headers(), body));
  }

  private <T> T execute(HttpCall call, Exchange.Handler<T> handler) {
    quota.checkBeforeCall();
    AtomicInteger attempt = new AtomicInteger();
    Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker,
        () -> exchange.run(call, attempt.incrementAndGet(), handler));
    if (limiter != null) {
      guarded = RateLimiter.decorateSupplier(limiter, guarded);
    }
    try {
      return Retry.decorateSupplier(retry, guarded).get();
    } catch (TransientCallFailure f) {
      throw f.exhausted(attempt.get());
    } catch (CallNotPermittedException e) {
      throw TributaryException.transientFailure(exchange.failures().describe(call.method(),
          call.resolve(settings.baseUri()), "circuit breaker is open after repeated transient failures"), e);
    } catch (RequestNotPermitted e) {
      throw TributaryException.transientFailure(exchange.failures().describe(call.method(),
          call.resolve(settings.baseUri()), "no rate-limit permit within max_retry_wait"), e);
    }
  }

  private HttpClient newHttpClient(SSLContext ssl) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (ssl != null) {
      b.sslContext(ssl);
    } else if (!settings.verifyTls()) {
      if (WARNED_INSECURE.add(settings.platform())) {
        log.warn("!!! TLS certificate and host name verification is OFF for {} (verify_tls: false). Anyone on the"
            + " network path can read and change this traffic, credentials included. Use it only against a local"
            + " sandbox. !!!", settings.platform());
      }
      b.sslContext(InsecureTls.context());
    }
    return b.build();
  }

  /** Collaborators of a client; only the settings are required. */
  public static final class Builder {
    private final HttpSettings settings;
    private AuthProvider auth = AuthProvider.NONE;
    private ErrorClassifier classifier = new DefaultErrorClassifier();
    private BodyErrorClassifier bodyErrors = BodyErrorClassifier.NONE;
    private QuotaMonitor quotaMonitor = QuotaMonitor.none();
    private MeterRegistry registry = Metrics.globalRegistry;
    private SSLContext sslContext;
    private String account;
    private HttpClient httpClient;

    private Builder(HttpSettings settings) {
      this.settings = settings;
    }

    public Builder auth(AuthProvider a) {
      this.auth = a;
      return this;
    }

    public Builder classifier(ErrorClassifier c) {
      this.classifier = c;
      return this;
    }

    /** Errors the platform reports inside 2xx JSON bodies (Marketo's {@code success: false}). */
    public Builder bodyErrors(BodyErrorClassifier c) {
      this.bodyErrors = c;
      return this;
    }

    public Builder quotaMonitor(QuotaMonitor q) {
      this.quotaMonitor = q;
      return this;
    }

    public Builder meterRegistry(MeterRegistry r) {
      this.registry = r;
      return this;
    }

    /** A TLS context, e.g. with a client certificate from {@code io.tributary.auth.ClientCertificates}. */
    public Builder sslContext(SSLContext c) {
      this.sslContext = c;
      return this;
    }

    /** The account/org/tenant id: clients of the same platform and account share one rate limiter. */
    public Builder account(String a) {
      this.account = a;
      return this;
    }

    /** A preconfigured JDK client (connect timeout, TLS, proxy are then its own). */
    public Builder httpClient(HttpClient c) {
      this.httpClient = c;
      return this;
    }

    public ResilientHttpClient build() {
      return new ResilientHttpClient(this);
    }
  }
}
