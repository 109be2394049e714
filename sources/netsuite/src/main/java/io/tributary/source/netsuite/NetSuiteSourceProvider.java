package io.tributary.source.netsuite;

import io.tributary.auth.OAuth1Credentials;
import io.tributary.core.JobContext;
import io.tributary.core.PluginProvider;
import io.tributary.core.SecretRef;
import io.tributary.core.Source;
import io.tributary.core.SourceProvider;
import io.tributary.core.TributaryException;
import java.net.URI;
import org.springframework.stereotype.Component;

/** {@code source.type: netsuite}. */
@Component
public final class NetSuiteSourceProvider extends PluginProvider<NetSuiteConfig, Source>
    implements SourceProvider<NetSuiteConfig> {

  public NetSuiteSourceProvider() {
    super("netsuite", NetSuiteConfig.class, NetSuiteSourceProvider::source);
  }

  private static Source source(NetSuiteConfig config, JobContext context) {
    OAuth1Credentials credentials = new OAuth1Credentials(secret(config.consumerKey(), "consumer_key"),
        secret(config.consumerSecret(), "consumer_secret"), secret(config.tokenId(), "token_id"),
        secret(config.tokenSecret(), "token_secret"), config.accountId());
    URI base = URI.create(config.baseUrlOrDefault());
    return NetSuiteSource.create(config.accountId(), credentials, base, config.zone(),
        config.concurrencyOrDefault(), config.http());
  }

  private static String secret(SecretRef ref, String field) {
    if (ref == null) {
      throw TributaryException.config("source." + field + " is required for NetSuite token-based authentication",
          "reference it as ${env:NETSUITE_" + field.toUpperCase(java.util.Locale.ROOT) + "} or ${file:/run/secrets/...}"
              + "; create it under Setup > Integration > Manage Integrations and Access Tokens");
    }
    return ref.resolve();
  }
}
