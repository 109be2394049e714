package io.tributary.sink;

import io.tributary.core.SystemColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The SQL that publishes a run's staged rows into a target, for the warehouses that stage a run and publish it once
 * (Snowflake, BigQuery): a MERGE that keeps the last staged row of each key (by {@link SystemColumns#SEQ}), where a
 * deleted row that carries values replaces the row's values like an update and a key-only delete (every other column
 * NULL) only flags the existing row and updates its run metadata; and the INSERT of append and replace. A warehouse
 * says how it starts a MERGE, writes a conditional, picks the last row of each key and inserts.
 */
public abstract class StagedMergeSql {

  /** A conditional value in the warehouse's SQL: {@code CASE WHEN ... END}, {@code IF(...)}. */
  public interface Choice {
    String of(String condition, String then, String otherwise);
  }

  protected final String target;
  protected final String staging;
  private final String mergeInto;
  private final Choice choice;
  private final List<String> columns;
  private final List<String> primaryKey;
  private final List<Boolean> json;
  private final UnaryOperator<String> quote;

  /**
   * @param target the target, qualified and quoted
   * @param staging the staging table, qualified and quoted
   * @param columns the stream's columns as the target stores them, in row order
   * @param json for each column, whether it is staged as text and parsed into a JSON column at publish
   * @param quote quotes a column name
   * @param mergeInto how the warehouse starts a MERGE: {@code MERGE INTO } or {@code MERGE }
   */
  protected StagedMergeSql(String target, String staging, List<String> columns, List<String> primaryKey,
      List<Boolean> json, UnaryOperator<String> quote, String mergeInto, Choice choice) {
    this.target = target;
    this.staging = staging;
    this.mergeInto = mergeInto;
    this.choice = choice;
    this.columns = List.copyOf(columns);
    this.primaryKey = List.copyOf(primaryKey);
    this.json = List.copyOf(json);
    this.quote = quote;
  }

  /** A query of the last staged row of each key, its columns as {@link #parsedList()} gives them. */
  protected abstract String latestPerKey();

  /** The INSERT of every staged row, or with {@code latestPerKey} of the last one of each key. */
  public abstract String insert(boolean latestPerKey);

  public String merge() {
    List<String> others = columns.stream().filter(c -> !primaryKey.contains(c)).toList();
    String keyOnly = others.stream().map(c -> " AND s." + q(c) + " IS NULL").collect(Collectors.joining());
    List<String> set = new ArrayList<>();
    for (String c : others) {
      set.add(q(c) + " = " + choice.of("s." + q(SystemColumns.DELETED) + keyOnly, "t." + q(c), "s." + q(c)));
    }
    for (String meta : SystemColumns.METADATA) {
      set.add(q(meta) + " = s." + q(meta));
    }
    String on = primaryKey.stream().map(k -> "t." + q(k) + " = s." + q(k)).collect(Collectors.joining(" AND "));
    return mergeInto + target + " AS t USING (" + latestPerKey() + ") AS s ON " + on
        + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", set)
        + " WHEN NOT MATCHED THEN INSERT (" + list(allColumns()) + ") VALUES (" + plainList() + ")";
  }

  /** The stream's columns, then the metadata columns. */
  protected List<String> allColumns() {
    List<String> all = new ArrayList<>(columns);
    all.addAll(SystemColumns.METADATA);
    return all;
  }

  /** The staged row's columns, JSON columns parsed from their staged text. */
  protected String parsedList() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String q = q(columns.get(i));
      out.add(json.get(i) ? "PARSE_JSON(s." + q + ") AS " + q : "s." + q);
    }
    for (String meta : SystemColumns.METADATA) {
      out.add("s." + q(meta));
    }
    return String.join(", ", out);
  }

  /** The staged row's columns as they are. */
  protected String plainList() {
    return allColumns().stream().map(c -> "s." + q(c)).collect(Collectors.joining(", "));
  }

  protected List<String> primaryKey() {
    return primaryKey;
  }

  protected String list(List<String> names) {
    return names.stream().map(quote).collect(Collectors.joining(", "));
  }

  protected String q(String name) {
    return quote.apply(name);
  }
}
