package io.tributary.sink.postgres;

import io.tributary.core.EncodedRow;
import io.tributary.core.Row;
import io.tributary.core.RowEncoding;
import io.tributary.sink.jdbc.TableLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * Encodes rows in PostgreSQL's binary COPY format (manual, "COPY": Binary Format; each type's wire layout is its
 * {@code *_send} function) straight into a reusable buffer that is flushed to the {@link CopyIn} every 64 KiB, so a
 * chunk costs no per-value allocation beyond what a {@link BigDecimal} needs. One instance per table writer; used by
 * the step thread only.
 *
 * <p>Values are encoded for the type the table really has, so a {@code Long} goes into a {@code numeric} column that
 * an earlier run widened. A value that cannot be encoded (wrong Java type, NUL in text, a null key, a decimal too
 * large for the column) rejects its row, which the writer quarantines, instead of failing the chunk on the server.
 */
final class PostgresBinaryCopyEncoder {

  /** Called for each row the encoder refused; the row is not in the COPY stream. */
  interface Rejections {
    void reject(int rowIndex, String reason);
  }

  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
      0, 0, 0, 0, 0, 0, 0, 0};
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  private static final long PG_EPOCH_DAYS = 10_957L;
  private static final int FLUSH_AT = 1 << 16;
  private static final short NUMERIC_POSITIVE = 0x0000;
  private static final short NUMERIC_NEGATIVE = 0x4000;
  private static final long[] POW10 = {1, 10, 100, 1000};
  private static final BigInteger NBASE = BigInteger.valueOf(10_000);
  /** PostgreSQL's limits (manual, "Date/Time Types" and "Numeric Types"): 4713 BC to 294276 AD; 5874897 AD. */
  private static final Instant MIN_TIMESTAMP = Instant.parse("-4713-11-24T00:00:00Z");
  private static final Instant END_TIMESTAMP = Instant.parse("+294277-01-01T00:00:00Z");
  private static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);
  private static final LocalDate MAX_DATE = LocalDate.of(5_874_897, 12, 31);
  private static final int MAX_NUMERIC_WEIGHT = 131_072;
  private static final int MAX_NUMERIC_SCALE = 16_383;

  private final PostgresType.Kind[] kinds;
  private final int[] precision;
  private final int[] scale;
  private final boolean[] key;
  private final List<String> names;
  private byte[] buf = new byte[FLUSH_AT + 8192];
  private int pos;
  /** The body under way ({@link #begin}). */
  private long extractedMicros;
  private long runId;
  private boolean withSeq;
  private short fields;
  private short[] digits = new short[32];

  PostgresBinaryCopyEncoder(TableLayout<PostgresType> layout) {
    int n = layout.columns().size();
    names = layout.columns();
    kinds = new PostgresType.Kind[n];
    precision = new int[n];
    scale = new int[n];
    key = new boolean[n];
    for (int i = 0; i < n; i++) {
      PostgresType t = layout.types().get(i);
      kinds[i] = t.kind();
      precision[i] = t.precision();
      scale[i] = t.scale();
    }
    for (int k : layout.primaryKeyIndexes()) {
      key[k] = true;
    }
  }

  /**
   * Streams {@code rows} as one COPY body: the stream's columns, then extracted-at, run id and deleted, then the
   * row's index in the chunk when {@code withSeq} (the staging table's ordinal for last-one-wins).
   */
  void encode(CopyIn copy, List<Row> rows, Instant extractedAt, long runId, boolean withSeq, Rejections rejections)
      throws SQLException {
    begin(extractedAt, runId, withSeq);
    for (int r = 0; r < rows.size(); r++) {
      row(copy, rows.get(r), r, rejections);
    }
    end(copy);
  }

  /** Starts a COPY body ({@link #encode} row by row): {@link #row} for each row, then {@link #end}. */
  void begin(Instant extractedAt, long runId, boolean withSeq) {
    pos = 0;
    put(HEADER);
    this.extractedMicros = micros(extractedAt);
    this.runId = runId;
    this.withSeq = withSeq;
    this.fields = (short) (kinds.length + 3 + (withSeq ? 1 : 0));
  }

  /** Encodes the body's row number {@code index}, or rejects it; sends a full buffer to {@code copy}. */
  void row(CopyIn copy, Row row, int index, Rejections rejections) throws SQLException {
    int rowStart = pos;
    String problem = row.encoded() != null ? putEncoded(row.encoded(), fields) : encodeValues(row.values(), fields);
    if (problem != null) {
      pos = rowStart;
      rejections.reject(index, problem);
      return;
    }
    ensure(48);
    putLongField(extractedMicros);
    putLongField(runId);
    putInt(1);
    buf[pos++] = (byte) (row.deleted() ? 1 : 0);
    if (withSeq) {
      putLongField(index);
    }
    if (pos >= FLUSH_AT) {
      flush(copy);
    }
  }

  /** Ends the body and sends what is left of it. */
  void end(CopyIn copy) throws SQLException {
    ensure(2);
    putShort((short) -1);
    flush(copy);
  }

  /**
   * A tuple's fields as a PostgreSQL source's binary COPY wrote them for this table's column types
   * ({@code PostgresBulkLoad.rowEncoding}): copied as they are; the server's {@code *_recv} checks them as it would any value.
   */
  private String putEncoded(EncodedRow encoded, short fields) {
    if (!RowEncoding.POSTGRESQL_BINARY.equals(encoded.format())) {
      return "row is encoded as " + encoded.format() + ", not " + RowEncoding.POSTGRESQL_BINARY;
    }
    ensure(2 + encoded.length());
    putShort(fields);
    System.arraycopy(encoded.bytes(), encoded.offset(), buf, pos, encoded.length());
    pos += encoded.length();
    return null;
  }

  private String encodeValues(Object[] values, short fields) {
    if (values.length != kinds.length) {
      return "row has " + values.length + " values but the stream has " + kinds.length + " columns";
    }
    ensure(2);
    putShort(fields);
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      String problem = v == null ? nullValue(i) : encodeValue(i, v);
      if (problem != null) {
        return "column " + names.get(i) + ": " + problem;
      }
    }
    return null;
  }

  private String nullValue(int i) {
    if (key[i]) {
      return "primary key value is null";
    }
    ensure(4);
    putInt(-1);
    return null;
  }

  private String encodeValue(int i, Object v) {
    switch (kinds[i]) {
      case TEXT:
        return v instanceof String s ? putText(s, false) : v instanceof Number || v instanceof Boolean
            ? putText(v instanceof BigDecimal d ? d.toPlainString() : v.toString(), false) : wrongType(v, "text");
      case JSONB:
        return v instanceof String s ? putText(s, true) : wrongType(v, "JSON text");
      case BIGINT:
        return putBigint(v);
      case NUMERIC:
        return putNumeric(i, v);
      case DOUBLE:
        if (!(v instanceof Number n)) {
          return wrongType(v, "a number");
        }
        ensure(12);
        putInt(8);
        LONG.set(buf, pos, Double.doubleToRawLongBits(n.doubleValue()));
        pos += 8;
        return null;
      case BOOLEAN:
        if (!(v instanceof Boolean b)) {
          return wrongType(v, "a boolean");
        }
        ensure(5);
        putInt(1);
        buf[pos++] = (byte) (b ? 1 : 0);
        return null;
      case DATE:
        if (!(v instanceof LocalDate d)) {
          return wrongType(v, "a LocalDate");
        }
        if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
          return "date " + d + " is outside PostgreSQL's date range (" + MIN_DATE + " to " + MAX_DATE + ")";
        }
        ensure(8);
        putInt(4);
        putInt((int) (d.toEpochDay() - PG_EPOCH_DAYS));
        return null;
      case TIMESTAMPTZ:
        return putTimestamp(v);
      default:
        throw new IllegalStateException("no encoder for " + kinds[i]);
    }
  }

  private String putBigint(Object v) {
    long value;
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      value = ((Number) v).longValue();
    } else if (v instanceof BigInteger b && b.bitLength() < 64) {
      value = b.longValue();
    } else if (v instanceof BigDecimal d) {
      try {
        value = d.longValueExact();
      } catch (ArithmeticException e) {
        return "value " + d.toPlainString() + " is not a 64-bit integer";
      }
    } else {
      return wrongType(v, "an integer");
    }
    ensure(12);
    putLongField(value);
    return null;
  }

  private String putTimestamp(Object v) {
    Instant instant;
    if (v instanceof Instant i) {
      instant = i;
    } else if (v instanceof OffsetDateTime o) {
      instant = o.toInstant();
    } else if (v instanceof ZonedDateTime z) {
      instant = z.toInstant();
    } else if (v instanceof LocalDate d) {
      // a DATE stream column in a table an earlier run widened to timestamptz: midnight UTC, like the widening
      instant = d.atStartOfDay(ZoneOffset.UTC).toInstant();
    } else {
      return wrongType(v, "an Instant");
    }
    if (instant.isBefore(MIN_TIMESTAMP) || !instant.isBefore(END_TIMESTAMP)) {
      // micros() would overflow (or the server refuse the chunk): one refused row instead
      return "timestamp " + instant + " is outside PostgreSQL's timestamptz range (" + MIN_TIMESTAMP
          + " to +294276-12-31T23:59:59.999999Z)";
    }
    ensure(12);
    putLongField(micros(instant));
    return null;
  }

  private String putNumeric(int i, Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      long l = ((Number) v).longValue();
      if (precision[i] == 0 && l != Long.MIN_VALUE) {
        putNumericLong(l < 0, Math.abs(l), 0);
        return null;
      }
      v = BigDecimal.valueOf(l);
    } else if (v instanceof BigInteger b) {
      v = new BigDecimal(b);
    } else if (v instanceof Double d && Double.isFinite(d)) {
      v = BigDecimal.valueOf(d);
    }
    if (!(v instanceof BigDecimal d)) {
      return wrongType(v, "a BigDecimal");
    }
    if (d.signum() != 0 && (d.scale() > MAX_NUMERIC_SCALE || d.precision() - d.scale() > MAX_NUMERIC_WEIGHT)) {
      return "value " + abbreviate(d.toString()) + " is outside PostgreSQL's numeric range (" + MAX_NUMERIC_WEIGHT
          + " digits before the point, " + MAX_NUMERIC_SCALE + " after)";
    }
    if (precision[i] > 0) {
      // the server rounds to the column's scale (half away from zero) and rejects overflow; do both here so a
      // too-large value costs one quarantined row, not the chunk
      if (d.scale() > scale[i]) {
        d = d.setScale(scale[i], RoundingMode.HALF_UP);
      }
      if (d.signum() != 0 && d.precision() - d.scale() > precision[i] - scale[i]) {
        return "value " + d.toPlainString() + " does not fit numeric(" + precision[i] + "," + scale[i] + ")";
      }
    }
    putDecimal(d);
    return null;
  }

  private void putDecimal(BigDecimal d) {
    if (d.scale() < 0) {
      d = d.setScale(0);
    }
    int sc = d.scale();
    if (d.signum() == 0) {
      ensure(12);
      putInt(8);
      putShort((short) 0);
      putShort((short) 0);
      putShort(NUMERIC_POSITIVE);
      putShort((short) sc);
      return;
    }
    if (d.precision() <= 15) {
      long unscaled = sc == 0 ? d.longValue() : d.unscaledValue().longValue();
      putNumericLong(unscaled < 0, Math.abs(unscaled), sc);
      return;
    }
    int fracGroups = (sc + 3) >> 2;
    BigInteger u = d.unscaledValue().abs().multiply(BigInteger.TEN.pow((fracGroups << 2) - sc));
    int n = 0;
    while (u.signum() != 0) {
      BigInteger[] qr = u.divideAndRemainder(NBASE);
      growDigits(n + 1);
      digits[n++] = qr[1].shortValue();
      u = qr[0];
    }
    putNumericDigits(d.signum() < 0, n, fracGroups, sc);
  }

  /** A positive base-10 unscaled value with {@code sc} fraction digits, at most 15 digits. */
  private void putNumericLong(boolean negative, long unscaled, int sc) {
    int fracGroups = (sc + 3) >> 2;
    long u = unscaled * POW10[(fracGroups << 2) - sc];
    int n = 0;
    while (u != 0) {
      growDigits(n + 1);
      digits[n++] = (short) (u % 10_000);
      u /= 10_000;
    }
    putNumericDigits(negative, n, fracGroups, sc);
  }

  /** Writes base-10000 digits held least significant first in {@code digits[0..n)}, trailing zero groups dropped. */
  private void putNumericDigits(boolean negative, int n, int fracGroups, int sc) {
    int weight = n - fracGroups - 1;
    int low = 0;
    while (low < n && digits[low] == 0) {
      low++;
    }
    int ndigits = n - low;
    ensure(12 + 2 * ndigits);
    putInt(8 + 2 * ndigits);
    putShort((short) ndigits);
    putShort((short) (ndigits == 0 ? 0 : weight));
    putShort(negative ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
    putShort((short) sc);
    for (int k = n - 1; k >= low; k--) {
      putShort(digits[k]);
    }
  }

  /** UTF-8 straight into the buffer; for jsonb with the format's version byte 1 first. */
  private String putText(String s, boolean jsonb) {
    int len = s.length();
    ensure(5 + 3 * len);
    int lengthAt = pos;
    pos += 4;
    if (jsonb) {
      buf[pos++] = 1;
    }
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && c != 0) {
        b[p++] = (byte) c;
      } else if (c == 0) {
        return "text contains a NUL character, which PostgreSQL cannot store";
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= len || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return "text contains an unpaired UTF-16 surrogate at index " + i;
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    INT.set(buf, lengthAt, p - lengthAt - 4);
    pos = p;
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String wrongType(Object v, String expected) {
    return "expected " + expected + " but got " + v.getClass().getSimpleName();
  }

  static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L),
        i.getNano() / 1_000);
  }

  private void putLongField(long v) {
    putInt(8);
    LONG.set(buf, pos, v);
    pos += 8;
  }

  private void putInt(int v) {
    INT.set(buf, pos, v);
    pos += 4;
  }

  private void putShort(short v) {
    SHORT.set(buf, pos, v);
    pos += 2;
  }

  private void put(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      byte[] bigger = new byte[Math.max(buf.length * 2, pos + n)];
      System.arraycopy(buf, 0, bigger, 0, pos);
      buf = bigger;
    }
  }

  private void growDigits(int n) {
    if (n > digits.length) {
      short[] bigger = new short[digits.length * 2];
      System.arraycopy(digits, 0, bigger, 0, digits.length);
      digits = bigger;
    }
  }

  private void flush(CopyIn copy) throws SQLException {
    if (pos > 0) {
      copy.writeToCopy(buf, 0, pos);
      pos = 0;
    }
  }
}
