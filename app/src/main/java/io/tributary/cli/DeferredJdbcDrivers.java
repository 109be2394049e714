package io.tributary.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Keeps the Snowflake, Databricks and DuckDB JDBC drivers from loading in a process that does not use them. The first
 * {@link DriverManager} call of a process (the job repository pool, a JDBC source, the PostgreSQL sink) instantiates
 * every {@code java.sql.Driver} listed in a jar's service file; the Snowflake driver's static set-up alone (shaded
 * Jackson, BouncyCastle provider registration, its native "minicore") loads some 730 classes, about half a second of
 * a run that reads nothing. {@link #install()} lets DriverManager initialise with those two service files hidden and
 * registers a stand-in for each, which answers for its URL prefix and loads the real driver on its first connect.
 * Every other driver is loaded exactly as before, and a JDBC URL of a deferred driver still works everywhere.
 */
public final class DeferredJdbcDrivers {

  static final String SERVICE_FILE = "META-INF/services/" + Driver.class.getName();

  /** Driver class → the URL prefix it accepts (from each vendor's JDBC URL documentation). */
  static final Map<String, String> DEFERRED = Map.of(
      "net.snowflake.client.jdbc.SnowflakeDriver", "jdbc:snowflake:",
      "com.databricks.client.jdbc.Driver", "jdbc:databricks:",
      "org.duckdb.DuckDBDriver", "jdbc:duckdb:");

  private DeferredJdbcDrivers() {}

  /**
   * Initialises DriverManager now, without the deferred drivers, and registers their stand-ins. Call once, first
   * thing in the process: once DriverManager has scanned the service files it never scans them again.
   */
  public static void install() {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    ClassLoader loader = original != null ? original : DeferredJdbcDrivers.class.getClassLoader();
    ServiceFileFilter filter = new ServiceFileFilter(loader);
    thread.setContextClassLoader(filter);
    try {
      DriverManager.getDrivers(); // DriverManager's one-time ServiceLoader scan, through the filter
    } finally {
      thread.setContextClassLoader(original);
    }
    for (String driverClass : filter.hidden()) {
      try {
        DriverManager.registerDriver(new DeferredDriver(driverClass, DEFERRED.get(driverClass), loader));
      } catch (SQLException e) {
        throw new IllegalStateException("cannot register the JDBC driver stand-in for " + driverClass, e);
      }
    }
  }

  /** A class loader that only hides the service files naming nothing but deferred drivers. */
  static final class ServiceFileFilter extends ClassLoader {

    private final Set<String> hidden = Collections.synchronizedSet(new LinkedHashSet<>());

    ServiceFileFilter(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      Enumeration<URL> all = super.getResources(name);
      if (!SERVICE_FILE.equals(name)) {
        return all;
      }
      List<URL> kept = new ArrayList<>();
      for (URL url : Collections.list(all)) {
        List<String> providers = providers(url);
        if (!providers.isEmpty() && DEFERRED.keySet().containsAll(providers)) {
          hidden.addAll(providers);
        } else {
          kept.add(url);
        }
      }
      return Collections.enumeration(kept);
    }

    Set<String> hidden() {
      return Set.copyOf(hidden);
    }

    /** The class names in a service file: one per line, {@code #} starts a comment. */
    private static List<String> providers(URL url) throws IOException {
      List<String> names = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          String name = line.replaceFirst("#.*", "").trim();
          if (!name.isEmpty()) {
            names.add(name);
          }
        }
      }
      return names;
    }
  }

  /** Stands in for a driver in DriverManager: claims its URL prefix, loads and delegates on first real use. */
  static final class DeferredDriver implements Driver {

    private final String driverClass;
    private final String urlPrefix;
    private final ClassLoader loader;
    private volatile Driver real;

    DeferredDriver(String driverClass, String urlPrefix, ClassLoader loader) {
      this.driverClass = driverClass;
      this.urlPrefix = urlPrefix;
      this.loader = loader;
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.startsWith(urlPrefix);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      return acceptsURL(url) ? real().connect(url, info) : null;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
      return real().getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
      return realUnchecked().getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
      return realUnchecked().getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
      return realUnchecked().jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
      return realUnchecked().getParentLogger();
    }

    boolean loaded() {
      return real != null;
    }

    private Driver real() throws SQLException {
      Driver d = real;
      if (d == null) {
        synchronized (this) {
          if (real == null) {
            try {
              real = (Driver) Class.forName(driverClass, true, loader).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
              throw new SQLException("cannot load the JDBC driver " + driverClass + ": " + e, "08001", e);
            }
          }
          d = real;
        }
      }
      return d;
    }

    private Driver realUnchecked() {
      try {
        return real();
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }
}
