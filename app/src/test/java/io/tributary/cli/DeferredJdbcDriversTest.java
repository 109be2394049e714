package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.DeferredJdbcDrivers.DeferredDriver;
import io.tributary.cli.DeferredJdbcDrivers.ServiceFileFilter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class DeferredJdbcDriversTest {

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void theFilterHidesOnlyTheServiceFilesOfDeferredDrivers() throws IOException {
    List<String> before = providers(Collections.list(loader.getResources(DeferredJdbcDrivers.SERVICE_FILE)));
    ServiceFileFilter filter = new ServiceFileFilter(loader);
    List<String> after = providers(Collections.list(filter.getResources(DeferredJdbcDrivers.SERVICE_FILE)));

    assertThat(before).contains("net.snowflake.client.jdbc.SnowflakeDriver", "com.databricks.client.jdbc.Driver",
        "org.duckdb.DuckDBDriver", "org.postgresql.Driver", "org.h2.Driver");
    List<String> expected = new ArrayList<>(before);
    expected.removeAll(Set.of("net.snowflake.client.jdbc.SnowflakeDriver", "com.databricks.client.jdbc.Driver",
        "org.duckdb.DuckDBDriver"));
    assertThat(after).containsExactlyElementsOf(expected);
    assertThat(filter.hidden()).containsExactlyInAnyOrder("net.snowflake.client.jdbc.SnowflakeDriver",
        "com.databricks.client.jdbc.Driver", "org.duckdb.DuckDBDriver");
    assertThat(filter.getResources("META-INF/MANIFEST.MF").hasMoreElements()).isTrue();
  }

  @Test
  void theStandInClaimsItsPrefixAndConnectsThroughTheRealDriverOnFirstUse() throws Exception {
    DeferredDriver duckdb = new DeferredDriver("org.duckdb.DuckDBDriver", "jdbc:duckdb:", loader);

    assertThat(duckdb.acceptsURL("jdbc:postgresql://127.0.0.1/test")).isFalse();
    assertThat(duckdb.connect("jdbc:postgresql://127.0.0.1/test", new Properties())).isNull();
    assertThat(duckdb.loaded()).isFalse();
    assertThat(duckdb.acceptsURL("jdbc:duckdb:")).isTrue();
    try (Connection c = duckdb.connect("jdbc:duckdb:", new Properties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 6 * 7")) {
      assertThat(c.getClass().getName()).isEqualTo("org.duckdb.DuckDBConnection");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(42);
    }
    assertThat(duckdb.loaded()).isTrue();
  }

  @Test
  void aMissingDriverClassFailsTheConnectWithItsName() {
    DeferredDriver missing = new DeferredDriver("com.example.NoSuchDriver", "jdbc:nosuch:", loader);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> missing.connect("jdbc:nosuch:x", new Properties()))
        .isInstanceOf(java.sql.SQLException.class)
        .hasMessageContaining("com.example.NoSuchDriver");
  }

  private static List<String> providers(List<URL> files) throws IOException {
    List<String> names = new ArrayList<>();
    for (URL url : files) {
      try (InputStream in = url.openStream()) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String name = line.replaceFirst("#.*", "").trim();
          if (!name.isEmpty()) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }
}
