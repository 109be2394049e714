package io.tributary.sink.bigquery;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import io.tributary.core.TributaryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.threeten.bp.Duration;

/**
 * Builds the google-cloud-bigquery client: a service-account key from the secret reference, or application default
 * credentials; no credentials at all only for an explicit {@code endpoint} (an emulator or test stub). The client
 * retries API calls on the retryable reasons by itself (its default BigQueryRetryAlgorithm).
 */
final class BigQueryClientFactory {

  private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/bigquery");

  private BigQueryClientFactory() {}

  /** Resolves the credentials; a missing secret, a malformed key or absent ADC is a CONFIG error. */
  static Credentials credentials(BigQuerySinkConfig config) {
    if (config.credentials() != null) {
      String json = config.credentials().resolve();
      try {
        return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
            .createScoped(SCOPES);
      } catch (IOException | RuntimeException e) {
        throw TributaryException.config("secret " + config.credentials() + " is not a service-account JSON key ("
            + e.getClass().getSimpleName() + ")", "create a key: gcloud iam service-accounts keys create key.json"
            + " --iam-account=<sa>@" + config.project() + ".iam.gserviceaccount.com, and reference that file");
      }
    }
    if (config.endpoint() != null) {
      return NoCredentials.getInstance();
    }
    try {
      return GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
    } catch (IOException e) {
      throw TributaryException.config("sink.credentials is not set and no application default credentials were found",
          "set credentials: \"${file:/run/secrets/bq-key.json}\" in the sink block, or run"
              + " gcloud auth application-default login / set GOOGLE_APPLICATION_CREDENTIALS");
    }
  }

  static BigQuery create(BigQuerySinkConfig config, Credentials credentials) {
    BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
        .setProjectId(config.project())
        .setLocation(config.location())
        .setCredentials(credentials)
        .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(6)
            .setInitialRetryDelay(Duration.ofSeconds(1)).setRetryDelayMultiplier(2.0)
            .setMaxRetryDelay(Duration.ofSeconds(32)).setTotalTimeout(Duration.ofMinutes(5)).build());
    if (config.endpoint() != null) {
      options.setHost(config.endpoint());
    }
    return options.build().getService();
  }
}
