package io.tributary.sink.postgres;

import io.tributary.core.TributaryException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where the sink connects, parsed from the JDBC URL once, so error messages can name host, port and database without
 * ever echoing the URL's parameters.
 */
record PostgresEndpoint(String host, String port, String database, String user) {

  static PostgresEndpoint parse(String url, String user) {
    Properties props = url == null ? null : Driver.parseURL(url, null);
    if (props == null) {
      throw TributaryException.config(
          "sink.url is not a PostgreSQL JDBC URL",
          "use jdbc:postgresql://host:5432/database");
    }
    // the job loader refuses such a URL already; the same rule guards a sink built from a config made in code
    io.tributary.core.UrlSecrets.secretInUrl(url).ifPresent(part -> {
      throw TributaryException.config("sink.url carries " + part,
          "remove it from the URL and set sink.password to a reference such as \"${env:PG_PASSWORD}\"");
    });
    String who = user != null ? user : props.getProperty("user", System.getProperty("user.name"));
    return new PostgresEndpoint(
        props.getProperty("PGHOST", "localhost"),
        props.getProperty("PGPORT", "5432"),
        props.getProperty("PGDBNAME", ""),
        who);
  }

  String hostPort() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return hostPort() + "/" + database;
  }
}
