import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads every row of a PostgreSQL table two ways, interleaved, and prints the rows/s and CPU seconds of each (issue
 * 17, "PostgreSQL source through COPY"): (1) key-set pages of 20,000 over pgjdbc with each column read into its Java
 * type, as the JDBC source does; (2) {@code COPY (SELECT * ... ORDER BY id) TO STDOUT (FORMAT binary)} through the
 * CopyManager, splitting the stream into tuples and fields and decoding only the key (id), i.e. the pass-through a
 * binary-to-binary copy would do. (2) bounds what the COPY direction can gain on the source side.
 *
 * <p>java -cp postgresql.jar bench/src/PostgresReadPaths.java jdbc:postgresql://127.0.0.1:5432/test bench_src.t 3
 */
public class PostgresReadPaths {

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String table = args[1];
    int rounds = Integer.parseInt(args[2]);
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    try (Connection c = DriverManager.getConnection(url, p)) {
      c.setAutoCommit(false);
      for (int r = 0; r < rounds; r++) {
        report("paged SELECT, typed values", () -> paged(c, table));
        report("COPY binary, key decoded", () -> copyBinary(c, table));
      }
    }
  }

  interface Read {
    long run() throws Exception;
  }

  static void report(String what, Read read) throws Exception {
    var bean = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    long cpu0 = bean.getProcessCpuTime();
    long t0 = System.nanoTime();
    long rows = read.run();
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (bean.getProcessCpuTime() - cpu0) / 1e9;
    System.out.printf("%s\t%d rows\t%.2f s\t%.0f rows/s\tJVM CPU %.2f s%n", what, rows, s, rows / s, cpu);
    System.out.flush();
  }

  static long paged(Connection c, String table) throws SQLException {
    long rows = 0;
    long last = Long.MIN_VALUE;
    Object sink = null;
    while (true) {
      int n = 0;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM " + table + " s WHERE s.id > ? ORDER BY s.id LIMIT 20000")) {
        ps.setFetchSize(10000);
        ps.setLong(1, last);
        try (ResultSet rs = ps.executeQuery()) {
          int cols = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            last = rs.getLong(1);
            for (int i = 2; i <= cols; i++) {
              sink = switch (rs.getMetaData().getColumnType(i)) {
                case java.sql.Types.NUMERIC -> rs.getBigDecimal(i);
                case java.sql.Types.DOUBLE -> rs.getDouble(i);
                case java.sql.Types.BIT, java.sql.Types.BOOLEAN -> rs.getBoolean(i);
                case java.sql.Types.DATE -> rs.getObject(i, LocalDate.class);
                case java.sql.Types.TIMESTAMP, java.sql.Types.TIMESTAMP_WITH_TIMEZONE ->
                    rs.getObject(i, OffsetDateTime.class);
                default -> rs.getString(i);
              };
            }
            n++;
          }
        }
      }
      c.commit();
      rows += n;
      if (n < 20000) {
        return sink == null ? rows : rows;
      }
    }
  }

  static long copyBinary(Connection c, String table) throws Exception {
    CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI()
        .copyOut("COPY (SELECT * FROM " + table + " ORDER BY id) TO STDOUT (FORMAT binary)");
    long rows = 0;
    long keySum = 0;
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new CopyIn(copy), 1 << 16))) {
      in.skipNBytes(11 + 4); // signature, flags
      in.skipNBytes(in.readInt()); // header extension
      while (true) {
        short fields = in.readShort();
        if (fields == -1) {
          break;
        }
        for (int f = 0; f < fields; f++) {
          int len = in.readInt();
          if (f == 0) {
            keySum += in.readLong();
          } else if (len > 0) {
            in.skipNBytes(len);
          }
        }
        rows++;
      }
      while (copy.isActive() && copy.readFromCopy() != null) {
        // the end of the copy: the connection takes no other statement before it
      }
    }
    c.commit();
    return keySum == 0 ? rows : rows;
  }

  /** The CopyOut's buffers as a stream. */
  static final class CopyIn extends InputStream {
    private final CopyOut copy;
    private byte[] buf = new byte[0];
    private int pos;

    CopyIn(CopyOut copy) {
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (pos >= buf.length) {
        try {
          buf = copy.readFromCopy();
        } catch (SQLException e) {
          throw new IOException(e);
        }
        pos = 0;
        if (buf == null) {
          buf = new byte[0];
          return -1;
        }
      }
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
