package io.tributary.sink.databricks;

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
 * A test double of Databricks at the JDBC seam. The sink talks to it exactly as to the driver; every statement is
 * recorded verbatim (the golden files), can be made to fail ({@link #failAt}), and is then carried out on an
 * in-memory H2 database: volume commands (PUT, COPY INTO from a volume file, REMOVE) against an in-memory volume,
 * back-ticks, Databricks DDL types, table properties and INSERT OVERWRITE translated to H2's, everything else (MERGE,
 * INSERT ... SELECT, DELETE, transactions) run as is; a publishing MERGE or INSERT answers with Databricks' row of
 * counts ({@code num_inserted_rows}). H2 holds the tables and the transactions, so "the target is unchanged after a failure" is a fact of a real
 * transactional database, not of the double.
 */
public final class DatabricksJdbcDouble extends AbstractDataSource {

  private static final Pattern PUT = Pattern.compile("^PUT '([^']+)' INTO '([^']+)' OVERWRITE$");
  private static final Pattern COPY = Pattern.compile(
      "^COPY INTO (\\S+\\.\\S+) FROM \\(SELECT (.*) FROM '([^']+)'\\) FILEFORMAT = CSV .*$", Pattern.DOTALL);
  private static final Pattern COPY_COLUMN = Pattern.compile("CAST\\(_c\\d+ AS [A-Z]+(?:\\(\\d+,\\d+\\))?\\) AS (`[^`]+`)");
  private static final Pattern REMOVE = Pattern.compile("^REMOVE '([^']+)'$");
  private static final Pattern PUBLISH = Pattern.compile("^(MERGE INTO|INSERT INTO|INSERT OVERWRITE) (\\S+) .*$",
      Pattern.DOTALL);
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

  private final String url = "jdbc:h2:mem:dbx" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final Connection keepAlive;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, byte[]> stage = new ConcurrentHashMap<>();
  private final Path spoolDir;
  /** The index in {@link #log} of the statement to fail, or -1. */
  volatile int failAt = -1;
  /** When the failing statement is a COMMIT: true = it commits and then the reply is lost; false = it is refused. */
  volatile boolean commitThenFail;

  DatabricksJdbcDouble(Path spoolDir) throws SQLException {
    this.spoolDir = spoolDir;
    this.keepAlive = DriverManager.getConnection(url);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS \"raw\"");
      s.execute("CREATE ALIAS PARSE_JSON FOR 'io.tributary.sink.databricks.DatabricksJdbcDouble.parseJson'");
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper STRICT_JSON =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * H2 stand-in for Databricks' parse_json: the text is kept as the VARIANT's value. Strict: a malformed text or a
   * duplicate key fails the statement, so the sink must have normalized the text before staging it.
   */
  public static String parseJson(String text) throws SQLException {
    if (text == null) {
      return null;
    }
    try {
      STRICT_JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("[MALFORMED_RECORD_IN_PARSING] " + e.getOriginalMessage(), "22023");
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
      // a connection reset mid-statement: a transient failure whose outcome the client does not know
      throw new SQLException("injected failure at statement " + index + ": " + normalized, "08006");
    }
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final Connection h2;

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
      java.sql.ResultSet[] counts = new java.sql.ResultSet[1];
      return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
          (p, m, args) -> {
            if (m.getName().startsWith("execute") && args != null && args.length >= 1
                && args[0] instanceof String sql) {
              record(sql);
              Matcher publish = PUBLISH.matcher(sql);
              if (publish.matches() && !m.getName().equals("executeQuery")) {
                counts[0] = publish(target, publish.group(2), sql);
                return m.getName().equals("execute") ? (Object) true : (Object) 0;
              }
              return run(target, m.getName(), sql);
            }
            if (m.getName().equals("getResultSet") && counts[0] != null) {
              return counts[0];
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

    /** Runs a publishing MERGE or INSERT and answers, as Databricks does, with the rows it inserted. */
    private java.sql.ResultSet publish(Statement target, String table, String sql) throws SQLException {
      String h2table = translate(table);
      long before = count(h2table);
      if (sql.startsWith("INSERT OVERWRITE ")) {
        target.execute("DELETE FROM " + h2table);
        before = 0;
        target.execute(translate("INSERT INTO " + sql.substring("INSERT OVERWRITE ".length())));
      } else {
        target.execute(translate(sql));
      }
      return target.executeQuery("SELECT CAST(" + (count(h2table) - before) + " AS BIGINT) AS \"num_inserted_rows\"");
    }

    private Object run(Statement target, String method, String sql) throws SQLException, IOException {
      if (sql.startsWith("CREATE VOLUME ")) {
        return method.equals("executeUpdate") ? (Object) 0 : (Object) false;
      }
      Matcher put = PUT.matcher(sql);
      if (put.matches()) {
        stage.put(put.group(2), Files.readAllBytes(Path.of(put.group(1))));
        return false;
      }
      Matcher copy = COPY.matcher(sql);
      if (copy.matches()) {
        List<String> columns = new ArrayList<>();
        Matcher column = COPY_COLUMN.matcher(copy.group(2));
        while (column.find()) {
          columns.add(column.group(1));
        }
        copy(translate(copy.group(1)), translate(String.join(", ", columns)), copy.group(3));
        return false;
      }
      Matcher remove = REMOVE.matcher(sql);
      if (remove.matches()) {
        stage.remove(remove.group(1));
        return false;
      }
      if (sql.equals("SELECT current_catalog(), current_user()")) {
        return target.executeQuery("SELECT 'main', 'tributary-sp'");
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

    /** COPY INTO in FAILFAST mode: any bad value fails the whole file. */
    private void copy(String table, String columns, String stagedFile) throws SQLException, IOException {
      byte[] bytes = stage.get(stagedFile);
      if (bytes == null) {
        throw new SQLException("[PATH_NOT_FOUND] Path does not exist: " + stagedFile, "42K03");
      }
      int n = columns.split(",").length;
      String insert = "INSERT INTO " + table + " (" + columns + ") VALUES (" + "?, ".repeat(n - 1) + "?)";
      try (Reader in = new InputStreamReader(new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)),
              StandardCharsets.UTF_8);
          CSVParser csv = CSV.parse(in);
          PreparedStatement ps = h2.prepareStatement(insert)) {
        for (CSVRecord r : csv) {
          if (r.size() != n) {
            throw new SQLException("[MALFORMED_RECORD_IN_PARSING] " + r.size() + " fields, expected " + n,
                "22023");
          }
          for (int i = 0; i < n; i++) {
            ps.setString(i + 1, r.get(i));
          }
          ps.executeUpdate();
        }
      }
    }
  }

  /** Databricks DDL, quoting and catalog names → H2's. */
  static String translate(String sql) {
    String s = sql.replace('`', '"')
        .replaceAll(" TBLPROPERTIES \\(.*\\)$", "")
        .replaceAll("(?<!CURRENT_)\\bTIMESTAMP\\b", "TIMESTAMP(9) WITH TIME ZONE")
        .replaceAll("\\bSTRING\\b", "VARCHAR")
        .replace(" VARIANT", " CHARACTER LARGE OBJECT")
        .replace(" DOUBLE", " DOUBLE PRECISION")
        .replaceAll(" ALTER COLUMN (\"[^\"]+\") TYPE ", " ALTER COLUMN $1 SET DATA TYPE ");
    if (s.startsWith("SELECT COLUMN_NAME, DATA_TYPE,")) {
      s = s.replace("SELECT COLUMN_NAME, DATA_TYPE,", "SELECT COLUMN_NAME, CASE DATA_TYPE"
          + " WHEN 'CHARACTER VARYING' THEN 'STRING' WHEN 'NUMERIC' THEN 'DECIMAL' WHEN 'DOUBLE PRECISION' THEN 'DOUBLE'"
          + " WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP' WHEN 'CHARACTER LARGE OBJECT' THEN 'VARIANT'"
          + " ELSE DATA_TYPE END,");
    }
    return s;
  }
}
