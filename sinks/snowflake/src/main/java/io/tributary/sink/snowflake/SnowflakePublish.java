package io.tributary.sink.snowflake;

import static io.tributary.sink.snowflake.SnowflakeNames.quote;

import io.tributary.core.WriteMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements that publish a run's staged rows into the target, all in one transaction with the state row:
 * merge → one MERGE keeping the last staged row of each key (a deleted row only flags the existing row and updates
 * its run metadata); append → one INSERT in load order; replace → DELETE the target, then INSERT (deduplicated by
 * key when the stream has one), in the job instance's first publish only: a later publish of the same instance (a
 * restart that read rows after the published position) merges them by key, or appends them, into that copy. Then
 * the staging table is emptied.
 */
final class SnowflakePublish {

  private static final String RN = "_TRIBUTARY_RN";

  /** Reads the output of the session's last statement: a MERGE's or INSERT's "number of rows inserted". */
  static final String INSERTED_BY_LAST_STATEMENT =
      "SELECT \"number of rows inserted\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))";

  private final SnowflakeTableLayout layout;
  private final String staging;
  private final WriteMode mode;

  SnowflakePublish(SnowflakeTableLayout layout, String stagingQualified, WriteMode mode) {
    this.layout = layout;
    this.staging = stagingQualified;
    this.mode = mode;
  }

  /** @param replacing whether this publish swaps a replace copy (the job instance's first publish) */
  List<String> statements(boolean replacing) {
    List<String> sql = new ArrayList<>();
    boolean keyed = !layout.primaryKey().isEmpty();
    switch (mode) {
      case MERGE -> sql.add(merge());
      case APPEND -> sql.add(insert(false));
      case REPLACE -> {
        if (replacing) {
          sql.add("DELETE FROM " + layout.qualified());
          sql.add(insert(keyed));
        } else {
          sql.add(keyed ? merge() : insert(false));
        }
      }
    }
    sql.add(clearStaging());
    return sql;
  }

  /** Whether {@code sql} (one of {@link #statements}) adds rows to the target: its MERGE or INSERT. */
  boolean insertsIntoTarget(String sql) {
    return sql.startsWith("MERGE INTO " + layout.qualified() + " ") || sql.startsWith("INSERT INTO "
        + layout.qualified() + " ");
  }

  String clearStaging() {
    return "DELETE FROM " + staging;
  }

  String merge() {
    List<String> set = new ArrayList<>();
    // A delete that carries values replaces the row's values like an update; a key-only delete (every other column
    // NULL) only flags the existing row.
    String keyOnly = layout.columns().stream().filter(c -> !layout.primaryKey().contains(c))
        .map(c -> " AND s." + quote(c) + " IS NULL").collect(Collectors.joining());
    for (String c : layout.columns()) {
      if (!layout.primaryKey().contains(c)) {
        set.add(quote(c) + " = CASE WHEN s." + quote(SnowflakeTableLayout.DELETED) + keyOnly + " THEN t." + quote(c)
            + " ELSE s." + quote(c) + " END");
      }
    }
    for (String meta : SnowflakeTableLayout.METADATA) {
      set.add(quote(meta) + " = s." + quote(meta));
    }
    String on = layout.primaryKey().stream().map(k -> "t." + quote(k) + " = s." + quote(k))
        .collect(Collectors.joining(" AND "));
    String values = layout.allColumns().stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
    return "MERGE INTO " + layout.qualified() + " AS t USING (" + latestPerKey() + ") AS s ON " + on
        + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", set)
        + " WHEN NOT MATCHED THEN INSERT (" + layout.loadColumnList() + ") VALUES (" + values + ")";
  }

  private String insert(boolean latestPerKey) {
    String from = latestPerKey ? "(" + latestPerKey() + ") AS s" : staging + " AS s";
    String select = latestPerKey ? plainList() : parsedList();
    return "INSERT INTO " + layout.qualified() + " (" + layout.loadColumnList() + ") SELECT " + select + " FROM "
        + from + (latestPerKey ? "" : " ORDER BY s." + quote(SnowflakeTableLayout.SEQ));
  }

  /** The last staged row of each key, VARIANT columns parsed from their staged text. */
  private String latestPerKey() {
    return "SELECT " + parsedList() + " FROM (SELECT " + layout.stagingColumnList() + ", ROW_NUMBER() OVER"
        + " (PARTITION BY " + SnowflakeNames.list(layout.primaryKey()) + " ORDER BY " + quote(SnowflakeTableLayout.SEQ)
        + " DESC) AS " + quote(RN) + " FROM " + staging + ") AS s WHERE s." + quote(RN) + " = 1";
  }

  private String parsedList() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < layout.columns().size(); i++) {
      String q = quote(layout.columns().get(i));
      out.add(layout.types().get(i).kind() == SnowflakeType.Kind.VARIANT
          ? "PARSE_JSON(s." + q + ") AS " + q : "s." + q);
    }
    for (String meta : SnowflakeTableLayout.METADATA) {
      out.add("s." + quote(meta));
    }
    return String.join(", ", out);
  }

  private String plainList() {
    return layout.allColumns().stream().map(c -> "s." + quote(c)).collect(Collectors.joining(", "));
  }
}
