package io.tributary.reliability.configspace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The source table {@code <schema>.items} in PostgreSQL and the test's own record of every row in it. Every change is
 * written with plain SQL and recorded here; the model never asks Tributary what the source holds.
 */
final class SourceTable {

  /** Text that has broken loaders: COPY's null marker, quotes, separators, combining marks, emoji, RTL, long. */
  private static final String[] NAMES = {"plain", "", "\\N", "NULL", "O'Brien \"the\" \\ back", "tab\there",
      "line\nbreak\r\n", "a,b;c|d", "e\u0301 combining", "emoji \uD83D\uDE00\uD83C\uDDE9\uD83C\uDDEA", "\u05E9\u05DC\u05D5\u05DD",
      "\u4E2D\u6587\u5B57", "x".repeat(300), " lead and trail ", "\u00A0nbsp", "\uFEFFbom"};

  private final String schema;
  private final CursorKind kind;
  private final Random random;
  private final Map<Long, RowVersion> current = new LinkedHashMap<>();
  private Comparable<?> clock;
  private long nextId = 1;
  private boolean hasExtra;

  SourceTable(String schema, JobSpec spec, long valueSeed) {
    this.schema = schema;
    this.kind = spec.cursor();
    this.random = new Random(valueSeed);
    this.clock = kind.start(spec.zone(), spec.valueBase());
  }

  void create(Connection c) throws SQLException {
    exec(c, "CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY, name text, updated_at " + kind.sqlType
        + " NOT NULL, seen_at timestamptz, is_deleted boolean NOT NULL DEFAULT false)");
  }

  Map<Long, RowVersion> current() {
    return current;
  }

  boolean hasExtra() {
    return hasExtra;
  }

  void insert(Connection c, int rows, boolean adversarial) throws SQLException {
    for (int i = 0; i < rows; i++) {
      tick();
      long id = nextId;
      nextId += random.nextInt(5) == 0 ? 1 + random.nextInt(40) : 1;
      write(c, new RowVersion(id, 1, name(adversarial), clock, seenAt(adversarial), false, extra()), true);
    }
  }

  /** Inserts {@code rows} rows, the first two with {@code seen_at} {@code infinity} and {@code -infinity}. */
  void insertWithInfinity(Connection c, int rows) throws SQLException {
    for (int i = 0; i < rows; i++) {
      tick();
      String seen = i == 0 ? "infinity" : i == 1 ? "-infinity" : seenAt(false);
      write(c, new RowVersion(nextId, 1, name(false), clock, seen, false, extra()), true);
      nextId++;
    }
  }

  /** Inserts {@code rows} rows one cursor unit apart (a minute, 1, a day). */
  void insertSteadily(Connection c, int rows) throws SQLException {
    for (int i = 0; i < rows; i++) {
      write(c, new RowVersion(nextId++, 1, name(false), clock, seenAt(false), false, extra()), true);
      clock = kind.oneUnitLater(clock);
    }
  }

  /** Updates {@code rows} rows: a new name, the cursor moved to the clock (often shared with the other updates). */
  void update(Connection c, int rows, boolean adversarial) throws SQLException {
    for (RowVersion old : pick(rows)) {
      tick();
      write(c, new RowVersion(old.id(), old.version() + 1, name(adversarial), clock,
          adversarial ? seenAt(true) : old.seenAt(), old.deleted(), extra()), false);
    }
  }

  /**
   * Flags rows deleted (or restores them), moving the cursor, as a soft-deleting application does. The other values
   * stay, {@code infinity} included: a delete that carries a value no warehouse can hold is quarantined like any other
   * version (docs/reliability.md), so the model needs no special case.
   */
  void flagDeleted(Connection c, int rows, boolean deleted) throws SQLException {
    for (RowVersion old : pick(rows)) {
      if (old.deleted() != deleted) {
        tick();
        write(c, new RowVersion(old.id(), old.version() + 1, old.name(), clock, old.seenAt(), deleted, old.extra()),
            false);
      }
    }
  }

  /** Flags rows deleted and clears their name (NULL), moving the cursor. */
  void flagDeletedClearingName(Connection c, int rows) throws SQLException {
    for (RowVersion old : pick(rows)) {
      tick();
      write(c, new RowVersion(old.id(), old.version() + 1, null, clock, old.seenAt(), true, old.extra()), false);
    }
  }

  void addColumn(Connection c) throws SQLException {
    if (!hasExtra) {
      exec(c, "ALTER TABLE " + schema + ".items ADD COLUMN extra text");
      hasExtra = true;
    }
  }

  /** Moves the clock past every value written so far (a run boundary: later changes sort after the watermark). */
  @SuppressWarnings("unchecked")
  void nextEpoch() {
    Comparable<Object> before = (Comparable<Object>) clock;
    do {
      clock = kind.advance(clock, random);
    } while (before.compareTo(clock) >= 0);
  }

  private void tick() {
    if (random.nextInt(3) == 0) {
      clock = kind.advance(clock, random);
    }
  }

  private List<RowVersion> pick(int rows) {
    List<RowVersion> all = new ArrayList<>(current.values());
    List<RowVersion> out = new ArrayList<>();
    for (int i = 0; i < rows && !all.isEmpty(); i++) {
      out.add(all.remove(random.nextInt(all.size())));
    }
    return out;
  }

  private String name(boolean adversarial) {
    if (random.nextInt(12) == 0) {
      return null;
    }
    return adversarial ? NAMES[random.nextInt(NAMES.length)] : "row " + random.nextInt(1000);
  }

  private String seenAt(boolean adversarial) {
    int pick = random.nextInt(adversarial ? 8 : 1);
    if (Boolean.getBoolean(CaseGenerators.NO_INFINITY) && (pick == 1 || pick == 2)) {
      pick = 0;
    }
    return switch (pick) {
      case 1 -> "infinity";
      case 2 -> "-infinity";
      case 3 -> "0001-01-01T00:00:00Z";
      case 4 -> "9999-12-31T23:59:59.999999Z";
      default -> Instant.parse("2024-01-01T00:00:00Z").plusMillis(random.nextInt(1_000_000_000)).toString();
    };
  }

  private String extra() {
    return hasExtra ? (random.nextBoolean() ? null : "extra " + random.nextInt(100)) : null;
  }

  private void write(Connection c, RowVersion v, boolean insert) throws SQLException {
    String seen = "timestamptz '" + v.seenAt().replace("T", " ").replace("Z", "+00") + "'";
    String extraCol = hasExtra ? ", extra" : "";
    String extraVal = hasExtra ? ", " + quote(v.extra()) : "";
    if (insert) {
      exec(c, "INSERT INTO " + schema + ".items (id, name, updated_at, seen_at, is_deleted" + extraCol + ") VALUES ("
          + v.id() + ", " + quote(v.name()) + ", " + kind.literal(v.cursor()) + ", " + seen + ", " + v.deleted()
          + extraVal + ")");
    } else {
      exec(c, "UPDATE " + schema + ".items SET name = " + quote(v.name()) + ", updated_at = "
          + kind.literal(v.cursor()) + ", seen_at = " + seen + ", is_deleted = " + v.deleted()
          + (hasExtra ? ", extra = " + quote(v.extra()) : "") + " WHERE id = " + v.id());
    }
    current.put(v.id(), v);
  }

  private static String quote(String s) {
    return s == null ? "NULL" : "E'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
