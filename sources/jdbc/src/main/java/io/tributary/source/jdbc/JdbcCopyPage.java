package io.tributary.source.jdbc;

import io.tributary.core.EncodedRow;
import io.tributary.core.RowEncoding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Runs one page's {@code COPY ... TO STDOUT (FORMAT binary)} of a {@link JdbcPassThrough} and splits the stream into
 * tuples (manual, "COPY", Binary Format): each tuple's column fields are kept as they arrived, in blocks shared by the
 * page's rows, and only the plain flag and the key columns are decoded. Used by the reader's thread only.
 */
final class JdbcCopyPage {

  /** One row: its column fields in the sink's encoding, and its key values (cursor first; a NULL cursor is null). */
  record Tuple(EncodedRow row, Object[] key) {}

  private static final int BLOCK = 1 << 20;
  private static final int SIGNATURE = 11;
  private static final long PG_EPOCH_DAYS = 10_957L;
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  private static final BigInteger NBASE = BigInteger.valueOf(10_000);
  private static final int NUMERIC_NEGATIVE = 0x4000;

  private final JdbcPassThrough pass;
  private CopyOut copy;
  private byte[] message = new byte[0];
  private int messagePos;
  private byte[] block = new byte[BLOCK];
  private int blockPos;
  private final byte[] scratch = new byte[8];
  private int[] fieldStart = new int[16];

  JdbcCopyPage(JdbcPassThrough pass) {
    this.pass = pass;
  }

  /**
   * The page's tuples in order, or null when one of them holds a value the typed path treats differently (the
   * caller then reads the page as typed values). The COPY is always read to its end.
   */
  List<Tuple> read(Connection connection, String copySql) throws SQLException {
    copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
    message = new byte[0];
    messagePos = 0;
    block = new byte[BLOCK];
    blockPos = 0;
    try {
      skipHeader();
      List<Tuple> tuples = new ArrayList<>();
      boolean allPlain = true;
      int fields = pass.tupleFields();
      if (fieldStart.length < fields + 1) {
        fieldStart = new int[fields + 1];
      }
      while (true) {
        readFully(scratch, 0, 2);
        short count = (short) (((scratch[0] & 0xff) << 8) | (scratch[1] & 0xff));
        if (count == -1) {
          break;
        }
        if (count != fields) {
          throw new SQLException("COPY tuple has " + count + " fields, expected " + fields);
        }
        int start = readTuple(fields);
        int plainAt = fieldStart[pass.columns()];
        allPlain &= intAt(block, plainAt) == 1 && block[plainAt + 4] == 1;
        if (allPlain) {
          tuples.add(new Tuple(new EncodedRow(RowEncoding.POSTGRESQL_BINARY, block, start, plainAt - start),
              keys()));
        }
      }
      return allPlain ? tuples : null;
    } finally {
      drain();
    }
  }

  /** Reads one tuple's fields into the block; returns where the tuple starts. Field offsets go to fieldStart. */
  private int readTuple(int fields) throws SQLException {
    int start = blockPos;
    for (int f = 0; f < fields; f++) {
      readFully(scratch, 0, 4);
      int len = intAt(scratch, 0);
      int size = 4 + Math.max(len, 0);
      if (blockPos + size > block.length) {
        start = moveTupleToNewBlock(start, size, f);
      }
      fieldStart[f] = blockPos;
      System.arraycopy(scratch, 0, block, blockPos, 4);
      blockPos += 4;
      if (len > 0) {
        readFully(block, blockPos, len);
        blockPos += len;
      }
    }
    fieldStart[fields] = blockPos;
    return start;
  }

  /** Starts a new block (earlier tuples keep the old one) and moves the tuple read so far into it. */
  private int moveTupleToNewBlock(int start, int more, int fieldsRead) {
    int sofar = blockPos - start;
    byte[] next = new byte[Math.max(BLOCK, sofar + more)];
    System.arraycopy(block, start, next, 0, sofar);
    for (int f = 0; f < fieldsRead; f++) {
      fieldStart[f] -= start;
    }
    block = next;
    blockPos = sofar;
    return 0;
  }

  private Object[] keys() {
    Object[] key = new Object[pass.keyCount()];
    for (int k = 0; k < key.length; k++) {
      int at = fieldStart[pass.keyField(k)];
      int len = intAt(block, at);
      key[k] = len < 0 ? null : decode(pass.keyKind(k), at + 4, len);
    }
    return key;
  }

  private Object decode(JdbcPassThrough.KeyKind kind, int at, int len) {
    return switch (kind) {
      case INT8 -> longAt(block, at);
      case INT4 -> (long) intAt(block, at);
      case INT2 -> (long) (short) (((block[at] & 0xff) << 8) | (block[at + 1] & 0xff));
      case NUMERIC -> numeric(at);
      case TEXT -> new String(block, at, len, StandardCharsets.UTF_8);
      case DATE -> LocalDate.ofEpochDay(intAt(block, at) + PG_EPOCH_DAYS);
      case TIMESTAMPTZ -> {
        long micros = longAt(block, at);
        yield Instant.ofEpochSecond(PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
            Math.floorMod(micros, 1_000_000L) * 1_000L);
      }
    };
  }

  /**
   * A finite numeric from its binary form (numeric_send: digit count, weight, sign, display scale, then base-10000
   * digits, most significant first), with the display scale as its scale, as the driver's text value has it.
   */
  private BigDecimal numeric(int at) {
    int ndigits = shortAt(block, at);
    int weight = (short) shortAt(block, at + 2);
    int sign = shortAt(block, at + 4);
    int dscale = shortAt(block, at + 6);
    BigInteger unscaled = BigInteger.ZERO;
    for (int i = 0; i < ndigits; i++) {
      unscaled = unscaled.multiply(NBASE).add(BigInteger.valueOf(shortAt(block, at + 8 + 2 * i)));
    }
    // the digits are unscaled * 10000^(weight - ndigits + 1)
    BigDecimal value = new BigDecimal(unscaled, -4 * (weight - ndigits + 1)).setScale(dscale, RoundingMode.UNNECESSARY);
    return sign == NUMERIC_NEGATIVE ? value.negate() : value;
  }

  private static int shortAt(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private void skipHeader() throws SQLException {
    byte[] header = new byte[SIGNATURE + 8];
    readFully(header, 0, header.length);
    if (header[0] != 'P' || header[1] != 'G' || header[2] != 'C') {
      throw new SQLException("COPY output is not in the binary format");
    }
    int extension = intAt(header, SIGNATURE + 4);
    byte[] skip = new byte[Math.max(0, extension)];
    readFully(skip, 0, skip.length);
  }

  private void readFully(byte[] into, int at, int n) throws SQLException {
    while (n > 0) {
      if (messagePos >= message.length) {
        message = copy.readFromCopy();
        messagePos = 0;
        if (message == null) {
          message = new byte[0];
          throw new SQLException("COPY output ended inside a tuple");
        }
      }
      int take = Math.min(n, message.length - messagePos);
      System.arraycopy(message, messagePos, into, at, take);
      messagePos += take;
      at += take;
      n -= take;
    }
  }

  /** Reads the COPY to its end: the connection takes no other statement before. */
  private void drain() throws SQLException {
    while (copy.isActive() && copy.readFromCopy() != null) {
      // the trailer and the command's completion
    }
  }

  private static int intAt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  private static long longAt(byte[] b, int at) {
    return ((long) intAt(b, at) << 32) | (intAt(b, at + 4) & 0xffffffffL);
  }
}
