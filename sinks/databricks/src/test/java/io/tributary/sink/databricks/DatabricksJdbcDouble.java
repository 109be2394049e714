package io.tributary.sink.databricks;

import java.io.ByteArrayInputStream;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A test double of a Databricks SQL warehouse at the JDBC seam, with Databricks' transaction semantics: every
 * statement commits alone and atomically (a Delta commit), and there is no multi-statement transaction at all —
 * {@code setAutoCommit(false)} fails. Every statement is recorded verbatim (the golden files) and can be made to fail
 * ({@link #failAt}) before it takes effect or, with {@link #failAfter}, after it committed (the reply is lost). It is
 * then carried out on an in-memory H2 database: PUT / REMOVE against an in-memory volume; COPY INTO loads the named
 * files in one H2 transaction and, like Databricks, skips a file it already loaded into that table (Databricks docs,
 * "COPY INTO": "files in the source location that have already been loaded are skipped"); INSERT OVERWRITE replaces
 * the table's rows in one H2 transaction; MERGE, INSERT and COPY answer {@code num_inserted_rows}; back-ticks, Delta
 * types and table properties are translated to H2's.
 */
public final class DatabricksJdbcDouble extends AbstractDataSource {

  private static final Pattern PUT = Pattern.compile("^PUT '([^']+)' INTO '([^']+)' OVERWRITE$");
  private static final Pattern COPY = Pattern.compile(
      "^COPY INTO (\\S+) FROM \\(SELECT (.*) FROM '([^']+)'\\) FILES = \\(([^)]*)\\) FILEFORMAT = CSV .*$",
      Pattern.DOTALL);
  private static final Pattern ALIAS = Pattern.compile(" AS (`[^`]+`)(, |$)");
  private static final Pattern REMOVE = Pattern.compile("^REMOVE '([^']+)'$");
  private static final Pattern OVERWRITE = Pattern.compile("^INSERT OVERWRITE (\\S+) (.*)$", Pattern.DOTALL);
  /** A writer's claim ({@code StateRowFence.newToken}): random, so the log shows it as {@code <writer>}. */
  private static final Pattern TOKEN = Pattern.compile(
      "run \\d+ [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern LITERAL = Pattern.compile("^'((?:[^'\\\\]|\\\\.)*)'$");
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

  private final String url = "jdbc:h2:mem:dbx" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final Connection keepAlive;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, byte[]> volume = new ConcurrentHashMap<>();
  /** The files COPY INTO loaded, per table: Delta keeps them in the table's log. */
  private final Map<String, Set<String>> loaded = new ConcurrentHashMap<>();
  private final Path spoolDir;
  /** The index in {@link #log} of the statement to fail, or -1. */
  volatile int failAt = -1;
  /** Whether the failing statement takes effect first (its reply is lost), or is refused. */
  volatile boolean failAfter;

  DatabricksJdbcDouble(Path spoolDir) throws SQLException {
    this.spoolDir = spoolDir;
    this.keepAlive = DriverManager.getConnection(url);
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE ALIAS PARSE_JSON FOR 'io.tributary.sink.databricks.DatabricksJdbcDouble.parseJson'");
      s.execute("CREATE ALIAS GET_JSON_OBJECT FOR 'io.tributary.sink.databricks.DatabricksJdbcDouble.jsonField'");
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** H2 stand-in for {@code parse_json}: the text is kept as the VARIANT's value; malformed JSON fails. */
  public static String parseJson(String text) throws SQLException {
    if (text == null) {
      return null;
    }
    try {
      JSON.readTree(text);
    } catch (IOException e) {
      throw new SQLException("[MALFORMED_RECORD_IN_PARSING] " + e.getMessage(), "22032");
    }
    return text;
  }

  /** H2 stand-in for {@code get_json_object(text, '$.a.b')}: the text of that field, or null. */
  public static String jsonField(String text, String path) throws IOException {
    if (text == null) {
      return null;
    }
    com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(text);
    for (String name : path.substring(2).split("\\.")) {
      node = node == null ? null : node.get(name);
    }
    return node == null || node.isNull() ? null : node.isTextual() ? node.asText() : node.toString();
  }

  List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  Map<String, byte[]> volume() {
    return volume;
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

  /** Records the statement; true when it is the one to fail. */
  private boolean record(String sql) throws SQLException {
    String normalized = TOKEN.matcher(sql.replace(spoolDir.toAbsolutePath().toString(), "<spool>"))
        .replaceAll("<writer>");
    int index;
    synchronized (log) {
      log.add(normalized);
      index = log.size() - 1;
    }
    if (index != failAt) {
      return false;
    }
    if (!failAfter) {
      throw injected(index, normalized);
    }
    return true;
  }

  private static SQLException injected(int index, String sql) {
    // a dropped connection to the warehouse: transient
    return new SQLException("injected failure at statement " + index + ": " + sql, "08S01");
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
        case "setAutoCommit":
          if (!(Boolean) args[0]) {
            throw new SQLFeatureNotSupportedException("[MULTI_STATEMENT_TRANSACTION_NOT_SUPPORTED] this double,"
                + " like a Delta table outside an interactive transaction, commits every statement alone");
          }
          return null;
        case "commit":
        case "rollback":
          throw new SQLFeatureNotSupportedException("no transaction is open: every statement commits alone");
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
      ResultSet[] last = new ResultSet[1];
      return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
          (p, m, args) -> {
            if (m.getName().startsWith("execute") && args != null && args.length >= 1
                && args[0] instanceof String sql) {
              boolean failAfterwards = record(sql);
              Object result = run(target, m.getName(), sql, last);
              if (failAfterwards) {
                throw injected(failAt, sql);
              }
              return result;
            }
            if (m.getName().equals("getResultSet") && last[0] != null) {
              return last[0];
            }
            try {
              return m.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    /** Like Databricks, {@code execute()} of DML answers one row ({@code num_affected_rows}), not an update count. */
    private PreparedStatement prepared(String sql) throws SQLException {
      PreparedStatement target = h2.prepareStatement(translate(sql));
      boolean dml = sql.startsWith("MERGE ") || sql.startsWith("UPDATE ") || sql.startsWith("DELETE ")
          || sql.startsWith("INSERT ");
      ResultSet[] last = new ResultSet[1];
      return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
            boolean execute = m.getName().startsWith("execute") && (args == null || args.length == 0);
            boolean failAfterwards = execute && record(sql);
            try {
              if (dml && m.getName().equals("execute") && args == null) {
                int affected = target.executeUpdate();
                last[0] = h2.createStatement().executeQuery("SELECT CAST(" + affected
                    + " AS BIGINT) AS \"num_affected_rows\"");
                if (failAfterwards) {
                  throw injected(failAt, sql);
                }
                return true;
              }
              if (dml && m.getName().equals("getResultSet")) {
                return last[0];
              }
              if (dml && m.getName().equals("getUpdateCount") && last[0] != null) {
                return -1;
              }
              Object result = m.invoke(target, args);
              if (failAfterwards) {
                throw injected(failAt, sql);
              }
              return result;
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    private Object run(Statement target, String method, String sql, ResultSet[] last)
        throws SQLException, IOException {
      last[0] = null;
      if (sql.startsWith("CREATE VOLUME ")) {
        return false;
      }
      Matcher put = PUT.matcher(sql);
      if (put.matches()) {
        volume.put(put.group(2), Files.readAllBytes(Path.of(put.group(1))));
        return false;
      }
      Matcher remove = REMOVE.matcher(sql);
      if (remove.matches()) {
        volume.keySet().removeIf(k -> k.equals(remove.group(1)) || k.startsWith(remove.group(1) + "/"));
        return false;
      }
      if (sql.startsWith("SELECT current_catalog()")) {
        return target.executeQuery("SELECT 'main', 'tributary@example.com'");
      }
      Matcher copy = COPY.matcher(sql);
      if (copy.matches()) {
        return answer(target, copy(copy.group(1), copy.group(2), copy.group(3), copy.group(4)), method, last);
      }
      Matcher overwrite = OVERWRITE.matcher(sql);
      if (overwrite.matches()) {
        return answer(target, atomically(() -> {
          try (Statement s = h2.createStatement()) {
            s.executeUpdate("DELETE FROM " + translate(overwrite.group(1)));
            return s.executeUpdate(translate("INSERT INTO " + overwrite.group(1) + " " + overwrite.group(2)));
          }
        }), method, last);
      }
      if (sql.startsWith("MERGE INTO ") || sql.startsWith("INSERT INTO ")) {
        String table = sql.substring(sql.indexOf(" INTO ") + 6, sql.indexOf(' ', sql.indexOf(" INTO ") + 6));
        long before = count(table);
        target.executeUpdate(translate(sql));
        return answer(target, count(table) - before, method, last);
      }
      String h2sql = translate(sql);
      if (h2sql.startsWith("CREATE OR REPLACE TABLE ")) {
        String name = h2sql.substring("CREATE OR REPLACE TABLE ".length(), h2sql.indexOf(" ("));
        target.execute("DROP TABLE IF EXISTS " + name + " CASCADE");
        loaded.remove(name);
        h2sql = "CREATE TABLE " + h2sql.substring("CREATE OR REPLACE TABLE ".length());
      }
      return switch (method) {
        case "executeQuery" -> target.executeQuery(h2sql);
        case "executeUpdate" -> target.executeUpdate(h2sql);
        default -> target.execute(h2sql);
      };
    }

    /** A DML statement's answer: one row with the rows the target gained. */
    private Object answer(Statement target, long inserted, String method, ResultSet[] last) throws SQLException {
      last[0] = target.executeQuery("SELECT CAST(" + inserted + " AS BIGINT) AS \"num_affected_rows\", CAST("
          + inserted + " AS BIGINT) AS \"num_inserted_rows\"");
      return switch (method) {
        case "executeQuery" -> last[0];
        case "executeUpdate" -> (int) inserted;
        default -> true;
      };
    }

    private long count(String table) throws SQLException {
      try (Statement s = h2.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + translate(table))) {
        rs.next();
        return rs.getLong(1);
      }
    }

    /** COPY INTO with FAILFAST: any bad value fails the whole statement; a file loaded before is skipped. */
    private long copy(String table, String select, String folder, String fileList) throws SQLException {
      List<String> columns = new ArrayList<>();
      List<String> constants = new ArrayList<>();
      Matcher alias = ALIAS.matcher(select);
      int from = 0;
      while (alias.find()) {
        columns.add(alias.group(1));
        // a literal of the SELECT (the writer's claim) is stored in every row; other items are CSV fields in order
        Matcher literal = LITERAL.matcher(select.substring(from, alias.start()));
        constants.add(literal.matches() ? literal.group(1).replaceAll("\\\\(.)", "$1") : null);
        from = alias.end();
      }
      List<String> files = new ArrayList<>();
      for (String f : fileList.split(", ")) {
        files.add(f.substring(1, f.length() - 1));
      }
      Set<String> done = loaded.computeIfAbsent(translate(table), k -> ConcurrentHashMap.newKeySet());
      String insert = translate("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + "?, ".repeat(columns.size() - 1) + "?)");
      Set<String> loadedNow = new HashSet<>();
      long rows = atomically(() -> {
        long n = 0;
        try (PreparedStatement ps = h2.prepareStatement(insert)) {
          for (String file : files) {
            String path = folder + "/" + file;
            if (done.contains(path)) {
              continue;
            }
            byte[] bytes = volume.get(path);
            if (bytes == null) {
              throw new SQLException("[PATH_NOT_FOUND] Path does not exist: " + path, "42K03");
            }
            n += load(ps, bytes, constants);
            loadedNow.add(path);
          }
        } catch (IOException e) {
          throw new SQLException(e);
        }
        return n;
      });
      done.addAll(loadedNow);
      return rows;
    }

    private long load(PreparedStatement ps, byte[] bytes, List<String> constants) throws SQLException, IOException {
      int n = constants.size();
      long rows = 0;
      try (Reader in = new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(bytes)),
              StandardCharsets.UTF_8);
          CSVParser csv = CSV.parse(in)) {
        for (CSVRecord r : csv) {
          for (int i = 0; i < n; i++) {
            ps.setString(i + 1, constants.get(i) != null ? constants.get(i) : i < r.size() ? r.get(i) : null);
          }
          ps.executeUpdate();
          rows++;
        }
      }
      return rows;
    }

    private <T> T atomically(SqlWork<T> work) throws SQLException {
      h2.setAutoCommit(false);
      try {
        T result = work.run();
        h2.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        h2.rollback();
        throw e;
      } finally {
        h2.setAutoCommit(true);
      }
    }
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  /** Databricks DDL, quoting and catalog names → H2's. */
  static String translate(String sql) {
    String s = sql.replace('`', '"')
        .replaceAll(" TBLPROPERTIES \\([^)]*\\)", "")
        .replaceAll("\\bSTRING\\b", "VARCHAR")
        .replaceAll("\\bTIMESTAMP\\b(?! WITH)", "TIMESTAMP(6) WITH TIME ZONE")
        .replace(" VARIANT", " CHARACTER LARGE OBJECT")
        .replaceAll("\\bDOUBLE\\b(?! PRECISION)", "DOUBLE PRECISION")
        .replaceAll("(ALTER COLUMN \"[^\"]+\") TYPE ", "$1 SET DATA TYPE ");
    if (s.startsWith("SELECT COLUMN_NAME, DATA_TYPE,")) {
      s = s.replace("SELECT COLUMN_NAME, DATA_TYPE,", "SELECT COLUMN_NAME, CASE DATA_TYPE"
          + " WHEN 'CHARACTER VARYING' THEN 'STRING' WHEN 'NUMERIC' THEN 'DECIMAL' WHEN 'DOUBLE PRECISION' THEN"
          + " 'DOUBLE' WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP' WHEN 'CHARACTER LARGE OBJECT' THEN 'VARIANT'"
          + " ELSE DATA_TYPE END,");
    }
    return s;
  }
}
