package io.tributary.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Field values of a simulated record from a declared field list: a pure function of the row's state, so tests
 * recompute them as ground truth. Simulators whose records are flat (Gainsight, Totango, ChurnZero) declare their
 * objects as lists of {@link Field}s and render the typed values in their own wire format (epoch milliseconds or
 * ISO-8601 text), so the generation, the filters and the sort orders they share are written once.
 *
 * <p>Typed values are {@link String}, {@link Long}, {@link BigDecimal}, {@link Boolean}, {@link Instant} (whole
 * milliseconds) and {@link LocalDate}; a null value means the field is empty. Values of a {@link Kind#CHANGING} field
 * change with every touch of the row; all others stay fixed for the row's life.
 */
public final class GeneratedFields {

  /** How a field's value is generated. */
  public enum Kind {
    /** The row's own id. */
    KEY,
    /** Another object's id (a row index below that object's base size). */
    REFERENCE,
    /** A word of the list, then the row's number, so names are unique. */
    NAME,
    /** A word of the list, fixed for the row. */
    WORD,
    /** A word of the list, drawn again on every touch. */
    CHANGING,
    /** An amount with two decimals. */
    MONEY,
    /** A whole number below 10,000. */
    COUNT,
    /** True or false. */
    FLAG,
    /** A calendar day within a year after the row's creation. */
    DAY,
    /** An e-mail address unique to the row. */
    EMAIL,
    /** The row's creation stamp. */
    CREATED,
    /** The row's modification stamp. */
    MODIFIED
  }

  /**
   * One declared field.
   *
   * @param name the field's wire name
   * @param kind how its value is generated
   * @param words the words of a NAME, WORD, CHANGING or EMAIL field (EMAIL uses the first as its domain)
   * @param target the object a REFERENCE points to
   */
  public record Field(String name, Kind kind, List<String> words, String target) {

    public Field {
      words = List.copyOf(words);
    }

    public static Field of(String name, Kind kind) {
      return new Field(name, kind, List.of(), null);
    }

    public static Field words(String name, Kind kind, String... words) {
      return new Field(name, kind, List.of(words), null);
    }

    public static Field reference(String name, String target) {
      return new Field(name, Kind.REFERENCE, List.of(), target);
    }
  }

  /** Formats the id of row {@code index} of {@code object}, for KEY and REFERENCE fields. */
  @FunctionalInterface
  public interface IdFormat {
    Object id(String object, long index);
  }

  /** How instants and days appear on the wire. */
  public enum TimeFormat {
    /** Milliseconds since the epoch as a JSON number; a day is its midnight UTC. */
    EPOCH_MILLIS,
    /** ISO-8601 text: {@code 2024-01-01T00:00:00.000Z} and {@code 2024-01-01}. */
    ISO
  }

  /** ISO-8601 with milliseconds in UTC, as {@code 2024-01-01T00:00:00.000Z}. */
  public static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private GeneratedFields() {}

  /** The typed values of every declared field of {@code row}, in declaration order; empty fields map to null. */
  public static Map<String, Object> values(SandboxDataset dataset, RowState row, List<Field> fields, IdFormat ids) {
    SplittableRandom fixed = dataset.random(row.object(), row.index(), 0);
    SplittableRandom changing = dataset.random(row.object(), row.index(), row.version());
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field f : fields) {
      values.put(f.name(), value(dataset, row, f, fixed, changing, ids));
    }
    return values;
  }

  private static Object value(SandboxDataset dataset, RowState row, Field f, SplittableRandom fixed,
      SplittableRandom changing, IdFormat ids) {
    long number = row.index() + 1;
    return switch (f.kind()) {
      case KEY -> ids.id(row.object(), row.index());
      case REFERENCE -> ids.id(f.target(), fixed.nextLong(Math.max(1, dataset.baseSize(f.target()))));
      case NAME -> pick(f, fixed) + " " + number;
      case WORD -> pick(f, fixed);
      case CHANGING -> pick(f, changing);
      case MONEY -> BigDecimal.valueOf(changing.nextLong(0, 50_000_000), 2);
      case COUNT -> fixed.nextLong(10_000);
      case FLAG -> fixed.nextInt(4) > 0;
      case DAY -> LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC).plusDays(fixed.nextInt(365));
      case EMAIL -> "user" + number + "@" + (f.words().isEmpty() ? "example.com" : f.words().get(0));
      case CREATED -> row.createdAt().truncatedTo(ChronoUnit.MILLIS);
      case MODIFIED -> row.modifiedAt().truncatedTo(ChronoUnit.MILLIS);
    };
  }

  private static String pick(Field f, SplittableRandom random) {
    return f.words().get(random.nextInt(f.words().size()));
  }

  /**
   * The typed values of every live (not deleted) row of {@code object} that {@code where} accepts, sorted by
   * {@code order}, or in the dataset's key order (modification stamp, then id) when it is null.
   */
  public static List<Map<String, Object>> matching(SandboxDataset dataset, String object, List<Field> fields,
      IdFormat ids, Predicate<Map<String, Object>> where, Comparator<Map<String, Object>> order) {
    Stream<Map<String, Object>> rows = dataset.rows(object).filter(r -> !r.deleted())
        .map(r -> values(dataset, r, fields, ids)).filter(where);
    return (order == null ? rows : rows.sorted(order)).toList();
  }

  /** Orders rows by one field's value ({@link #compare}), descending when asked. */
  public static Comparator<Map<String, Object>> orderBy(String field, boolean descending) {
    Comparator<Map<String, Object>> c = (a, b) -> compare(a.get(field), b.get(field));
    return descending ? c.reversed() : c;
  }

  /**
   * Orders two typed values of one field: numbers by value (a Long and a BigDecimal compare), everything else by its
   * natural order. Null sorts first.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    if (a.getClass() != b.getClass()) {
      return a.toString().compareTo(b.toString());
    }
    return ((Comparable) a).compareTo(b);
  }

  /** Writes a typed value into a JSON object, with instants in the vendor's own datetime form. */
  public static void put(ObjectNode node, String name, Object value, DateTimeFormatter instants) {
    if (value instanceof Instant t) {
      node.put(name, instants.format(t));
    } else {
      put(node, name, value, TimeFormat.ISO);
    }
  }

  /** Writes a typed value into a JSON object in the platform's time format. */
  public static void put(ObjectNode node, String name, Object value, TimeFormat time) {
    if (value == null) {
      node.putNull(name);
    } else if (value instanceof Long l) {
      node.put(name, l);
    } else if (value instanceof BigDecimal d) {
      node.put(name, d);
    } else if (value instanceof Boolean b) {
      node.put(name, b);
    } else if (value instanceof Instant t) {
      if (time == TimeFormat.EPOCH_MILLIS) {
        node.put(name, t.toEpochMilli());
      } else {
        node.put(name, ISO_MILLIS.format(t));
      }
    } else if (value instanceof LocalDate d) {
      if (time == TimeFormat.EPOCH_MILLIS) {
        node.put(name, d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
      } else {
        node.put(name, d.toString());
      }
    } else {
      node.put(name, value.toString());
    }
  }
}
