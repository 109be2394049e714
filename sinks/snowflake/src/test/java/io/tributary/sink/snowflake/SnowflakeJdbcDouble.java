package io.tributary.sink.snowflake;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * A test double of Snowflake at the JDBC seam. The sink talks to it exactly as to the driver; every statement is
 * recorded verbatim (the golden files), can be made to fail ({@link #failAt}), and is then carried out on an
 * in-memory H2 database: stage commands (PUT, COPY from the stage, REMOVE) against an in-memory stage, Snowflake DDL
 * types and TRANSIENT tables translated to H2's, everything else (MERGE, INSERT ... SELECT, DELETE, transactions) run
 * as is. H2 holds the tables and the transactions, so "the target is unchanged after a failure" is a fact of a real
 * transactional database, not of the double.
 */
public final class SnowflakeJdbcDouble extends AbstractDataSource {

  private static final Pattern PUT = Pattern.compile("^PUT 'file://([^']+)' (@\\S+) .*$", Pattern.DOTALL);
  private static final Pattern COPY = Pattern.compile(
      "^COPY INTO (\\S+\\.\\S+) \\(([^)]*)\\) FROM (@\\S+)/ FILES = \\('([^']+)'\\) .*$", Pattern.DOTALL);
  private static final Pattern REMOVE = Pattern.compile("^REMOVE (@\\S+)$");
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

  private final String url = "jdbc:h2:mem:sf" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final Connection keepAlive;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, byte[]> stage = new ConcurrentHashMap<>();
  private final Path spoolDir;
  /** The index in {@link #log} of the statement to fail, or -1. */
  volatile int failAt = -1;
  /** When the failing statement is a COMMIT: true = it commits and then the reply is lost; false = it is refused. */
  volatile boolean commitThenFail;

  SnowflakeJdbcDouble(Path spoolDir) throws SQLException {
    this.spoolDir = spoolDir;
    this.keepAlive = DriverManager.getConnection(url);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE ALIAS PARSE_JSON FOR 'io.tributary.sink.snowflake.SnowflakeJdbcDouble.parseJson'");
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper STRICT_JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * H2 stand-in for Snowflake's PARSE_JSON: the text is kept as the VARIANT's value. Like Snowflake's default (strict,
   * parameter 's'), a duplicate key in an object fails the statement (Snowflake docs, "PARSE_JSON").
   */
  public static String parseJson(String text) throws SQLException {
    if (text == null) {
      return null;
    }
    try {
      STRICT_JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("Error parsing JSON: " + e.getOriginalMessage(), "22000", 100069);
    }
    return text;
  }

  List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  Map<String, byte[]> stage() {
    return stage;
  }

  /** A plain H2 connection for assertions, independent of the sink. */
  Connection h2() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection h2 = DriverManager.getConnection(url);
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        new ConnectionHandler(h2));
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  private void record(String sql) throws SQLException {
    String normalized = sql.replace(spoolDir.toAbsolutePath().toUri().getPath(), "<spool>/");
    int index;
    synchronized (log) {
      log.add(normalized);
      index = log.size() - 1;
    }
    if (index == failAt) {
      // Snowflake's 000630 "statement reached its timeout": a transient failure
      throw new SQLException("injected failure at statement " + index + ": " + normalized, "57014", 630);
    }
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final Connection h2;
    /**
     * Snowflake's "number of rows inserted" of this session's last MERGE or INSERT, read back through RESULT_SCAN:
     * the rows the target gained in the statement (H2's update count of a MERGE adds the updated rows).
     */
    private long lastInserted;

    ConnectionHandler(Connection h2) {
      this.h2 = h2;
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args) throws Throwable {
      switch (m.getName()) {
        case "createStatement":
          return statement(h2.createStatement());
        case "prepareStatement":
          return prepared((String) args[0]);
        case "commit":
          try {
            record("-- COMMIT");
          } catch (SQLException e) {
            if (commitThenFail) {
              h2.commit();
            } else {
              h2.rollback();
            }
            throw e;
          }
          break;
        case "rollback":
          if (args == null) {
            log.add("-- ROLLBACK");
          }
          break;
        case "unwrap":
        case "isWrapperFor":
          break;
        default:
          break;
      }
      try {
        return m.invoke(h2, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private Statement statement(Statement target) {
      return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
          (p, m, args) -> {
            if (m.getName().startsWith("execute") && args != null && args.length >= 1
                && args[0] instanceof String sql) {
              record(sql);
              return run(target, m.getName(), sql);
            }
            try {
              return m.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    private PreparedStatement prepared(String sql) throws SQLException {
      PreparedStatement target = h2.prepareStatement(translate(sql));
      return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
            if (m.getName().startsWith("execute") && (args == null || args.length == 0)) {
              record(sql);
            }
            try {
              return m.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    private Object run(Statement target, String method, String sql) throws SQLException, IOException {
      if (sql.startsWith("CREATE STAGE ")) {
        return method.equals("executeUpdate") ? (Object) 0 : (Object) false;
      }
      Matcher put = PUT.matcher(sql);
      if (put.matches()) {
        Path file = Path.of(put.group(1));
        stage.put(put.group(2) + "/" + file.getFileName(), Files.readAllBytes(file));
        return false;
      }
      Matcher copy = COPY.matcher(sql);
      if (copy.matches()) {
        copy(copy.group(1), copy.group(2), copy.group(3) + "/" + copy.group(4));
        return false;
      }
      Matcher remove = REMOVE.matcher(sql);
      if (remove.matches()) {
        stage.keySet().removeIf(k -> k.startsWith(remove.group(1)));
        return false;
      }
      if (sql.equals(SnowflakeSink.INSERTED_BY_LAST_STATEMENT)) {
        return target.executeQuery("SELECT CAST(" + lastInserted + " AS BIGINT) AS \"number of rows inserted\"");
      }
      if (sql.startsWith("MERGE INTO ") || sql.startsWith("INSERT INTO ")) {
        String table = sql.substring(sql.indexOf(" INTO ") + 6, sql.indexOf(' ', sql.indexOf(" INTO ") + 6));
        long before = count(table);
        Object result = method.equals("executeUpdate") ? (Object) target.executeUpdate(translate(sql))
            : (Object) target.execute(translate(sql));
        lastInserted = count(table) - before;
        return result;
      }
      if (sql.startsWith("SELECT CURRENT_WAREHOUSE()")) {
        return target.executeQuery("SELECT 'WH', 'DB', 'TRIBUTARY_ROLE'");
      }
      String h2sql = translate(sql);
      if (h2sql.startsWith("CREATE OR REPLACE TABLE ")) {
        String name = h2sql.substring("CREATE OR REPLACE TABLE ".length(), h2sql.indexOf(" ("));
        target.execute("DROP TABLE IF EXISTS " + name);
        h2sql = "CREATE TABLE " + h2sql.substring("CREATE OR REPLACE TABLE ".length());
      }
      return switch (method) {
        case "executeQuery" -> target.executeQuery(h2sql);
        case "executeUpdate" -> target.executeUpdate(h2sql);
        default -> target.execute(h2sql);
      };
    }

    private long count(String table) throws SQLException {
      try (Statement s = h2.createStatement();
          java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    /** COPY with ON_ERROR = ABORT_STATEMENT: any bad value fails the whole file. */
    private void copy(String table, String columns, String stagedFile) throws SQLException, IOException {
      byte[] bytes = stage.get(stagedFile);
      if (bytes == null) {
        throw new SQLException("Remote file '" + stagedFile + "' was not found", "02000", 2003);
      }
      int n = columns.split(",").length;
      String insert = "INSERT INTO " + table + " (" + columns + ") VALUES (" + "?, ".repeat(n - 1) + "?)";
      try (Reader in = new InputStreamReader(new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)),
              StandardCharsets.UTF_8);
          CSVParser csv = CSV.parse(in);
          PreparedStatement ps = h2.prepareStatement(insert)) {
        for (CSVRecord r : csv) {
          if (r.size() != n) {
            throw new SQLException("Number of columns in file (" + r.size() + ") does not match that of the"
                + " corresponding table (" + n + ")", "22000", 100080);
          }
          for (int i = 0; i < n; i++) {
            ps.setString(i + 1, r.get(i));
          }
          ps.executeUpdate();
        }
      }
    }
  }

  /** Snowflake DDL and catalog names → H2's. */
  static String translate(String sql) {
    String s = sql.replace(" DATA_RETENTION_TIME_IN_DAYS = 0", "")
        .replace("CREATE OR REPLACE TRANSIENT TABLE", "CREATE OR REPLACE TABLE")
        .replace("CREATE TRANSIENT TABLE", "CREATE TABLE")
        .replace("TIMESTAMP_TZ(9)", "TIMESTAMP(9) WITH TIME ZONE")
        .replaceAll("\\bNUMBER\\(", "NUMERIC(")
        .replace(" VARIANT", " CHARACTER LARGE OBJECT")
        .replace(" FLOAT", " DOUBLE PRECISION");
    if (s.startsWith("SELECT COLUMN_NAME, DATA_TYPE,")) {
      s = s.replace("SELECT COLUMN_NAME, DATA_TYPE,", "SELECT COLUMN_NAME, CASE DATA_TYPE"
          + " WHEN 'CHARACTER VARYING' THEN 'TEXT' WHEN 'NUMERIC' THEN 'NUMBER' WHEN 'DOUBLE PRECISION' THEN 'FLOAT'"
          + " WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_TZ' WHEN 'CHARACTER LARGE OBJECT' THEN 'VARIANT'"
          + " ELSE DATA_TYPE END,");
    }
    return s;
  }
}
