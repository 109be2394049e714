package io.tributary.source.jdbc;

import io.tributary.core.SecretRef;
import io.tributary.core.TributaryException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The {@code source:} block of a job reading a relational database over JDBC.
 *
 * @param url JDBC URL, for example {@code jdbc:postgresql://db:5432/erp}; never put a password in it
 * @param user database user, or null when the URL or driver supplies it
 * @param password secret reference ({@code ${env:NAME}} or {@code ${file:/path}}), or null
 * @param schema the schema (MariaDB/MySQL: database) tables are discovered in and unqualified tables resolve against;
 *     null means the connection's default
 * @param fetchSize rows the driver fetches per round trip; null means 1000
 * @param timezone zone that {@code timestamp without time zone} values are interpreted in; null means UTC
 */
public record JdbcSourceConfig(
    @NotBlank String url,
    String user,
    SecretRef password,
    String schema,
    @Positive Integer fetchSize,
    String timezone) {

  static final int DEFAULT_FETCH_SIZE = 1000;

  /** The five-field form, with timestamps without time zone read as UTC. */
  public JdbcSourceConfig(String url, String user, SecretRef password, String schema, Integer fetchSize) {
    this(url, user, password, schema, fetchSize, null);
  }

  int fetchSizeOrDefault() {
    return fetchSize == null ? DEFAULT_FETCH_SIZE : fetchSize;
  }

  ZoneId zone() {
    if (timezone == null || timezone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(timezone.trim());
    } catch (DateTimeException e) {
      throw TributaryException.config(
          "source.timezone '" + timezone + "' is not a time zone",
          "use a region id such as Europe/Berlin or an offset such as +02:00, or remove it for UTC");
    }
  }
}
