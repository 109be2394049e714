package io.tributary.sink.databricks;

import com.databricks.client.jdbc.Driver;
import io.tributary.core.TributaryException;
import java.nio.file.Path;
import io.tributary.sink.jdbc.DriverConnector;
import java.util.Properties;

/**
 * Opens Databricks JDBC sessions on a SQL warehouse with OAuth machine-to-machine auth (a service principal's client
 * id and secret), or a personal access token when no client id is configured (Databricks docs, "Authentication
 * settings for the Databricks JDBC Driver"). Credentials are resolved from their secret references on first use and
 * handed to the driver as properties, never put in the URL.
 */
final class DatabricksConnector extends DriverConnector {

  private final DatabricksSinkConfig config;
  private final Path spoolDir;

  DatabricksConnector(DatabricksSinkConfig config, Path spoolDir) {
    this.config = config;
    this.spoolDir = spoolDir;
  }

  /** {@code jdbc:databricks://<host>:443/default;transportMode=http;ssl=1;httpPath=<path>}. */
  @Override
  public String url() {
    String host = config.host().trim().replaceFirst("^https?://", "").replaceAll("/+$", "");
    String path = config.httpPath().trim();
    return "jdbc:databricks://" + host + ":443/default;transportMode=http;ssl=1;httpPath="
        + (path.startsWith("/") ? path : "/" + path);
  }

  @Override
  protected Properties credentials() {
    Properties p = new Properties();
    if (config.clientId() != null && !config.clientId().isBlank()) {
      if (config.clientSecret() == null) {
        throw TributaryException.config("sink.client_secret is not set: OAuth M2M needs the service principal's"
            + " secret", "set client_secret: \"${env:DATABRICKS_CLIENT_SECRET}\" in the job's sink block");
      }
      // AuthMech 11 + Auth_Flow 1: OAuth client credentials of a service principal
      p.put("AuthMech", "11");
      p.put("Auth_Flow", "1");
      p.put("OAuth2ClientId", config.clientId());
      p.put("OAuth2Secret", config.clientSecret().resolve());
    } else if (config.token() != null) {
      // AuthMech 3: user "token", the personal access token as password
      p.put("AuthMech", "3");
      p.put("UID", "token");
      p.put("PWD", config.token().resolve());
    } else {
      throw TributaryException.config("sink.client_id is not set: the Databricks sink needs credentials",
          "create a service principal with an OAuth secret, and set client_id: <its application id> and"
              + " client_secret: \"${env:DATABRICKS_CLIENT_SECRET}\" in the job's sink block (or token:"
              + " \"${env:DATABRICKS_TOKEN}\" for a personal access token; see docs/sinks/databricks.md)");
    }
    p.put("ConnCatalog", config.catalog());
    p.put("ConnSchema", DatabricksDialect.INSTANCE.stored(config.schema()));
    // PUT may read local files only below this folder (Databricks docs, "Manage files in volumes")
    p.put("VolumeOperationAllowedLocalPaths", spoolDir.toAbsolutePath().toString());
    return p;
  }

  @Override
  protected java.sql.Driver driver() {
    return new Driver();
  }
}
