package io.tributary.sink.snowflake;

import io.tributary.auth.PemKeys;
import io.tributary.core.TributaryException;
import io.tributary.sink.jdbc.DriverConnector;
import java.sql.Driver;
import java.util.Properties;
import net.snowflake.client.jdbc.SnowflakeDriver;

/**
 * Opens Snowflake JDBC sessions with key-pair (JWT) auth, or a password when no key is configured. Credentials are
 * resolved from their secret references on first use and handed to the driver as objects, never put in the URL.
 */
final class SnowflakeConnector extends DriverConnector {

  private final SnowflakeSinkConfig config;

  SnowflakeConnector(SnowflakeSinkConfig config) {
    this.config = config;
  }

  /** {@code jdbc:snowflake://<account>.snowflakecomputing.com/}, or the host as given when it is one. */
  @Override
  public String url() {
    String account = config.account().trim();
    String host = account.contains(".snowflakecomputing.") ? account.replaceFirst("^https?://", "")
        : account + ".snowflakecomputing.com";
    return "jdbc:snowflake://" + host.replaceAll("/+$", "") + "/";
  }

  /** An unreadable key fails here with a CONFIG error too. */
  @Override
  protected Properties credentials() {
    Properties p = new Properties();
    p.put("user", config.user());
    if (config.privateKey() != null) {
      p.put("authenticator", "SNOWFLAKE_JWT");
      p.put("privateKey", PemKeys.rsaPrivateKey(config.privateKey().resolve()));
    } else if (config.password() != null) {
      p.put("password", config.password().resolve());
    } else {
      throw TributaryException.config("sink.private_key is not set: the Snowflake sink needs credentials",
          "generate a key pair, register the public key (ALTER USER " + config.user()
              + " SET RSA_PUBLIC_KEY='...'), and set private_key: \"${env:SNOWFLAKE_PRIVATE_KEY}\" in the job's"
              + " sink block (see docs/sinks/snowflake.md)");
    }
    if (config.role() != null) {
      p.put("role", config.role());
    }
    p.put("warehouse", config.warehouse());
    p.put("db", config.database());
    p.put("schema", SnowflakeDialect.INSTANCE.stored(config.schema()));
    // Results as JSON: the Arrow format needs extra JVM opens and gains nothing for Tributary's tiny result sets.
    p.put("JDBC_QUERY_RESULT_FORMAT", "JSON");
    // Keeps the master token alive across long extractions (else 390114 after 4 idle hours).
    p.put("CLIENT_SESSION_KEEP_ALIVE", "true");
    return p;
  }

  @Override
  protected Driver driver() {
    return new SnowflakeDriver();
  }
}
