package io.tributary.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a mart reads, from its SQL text: the raw tables it names ({@code {{raw}}.opportunities}) and, where it can be
 * known without a SQL parser, which raw columns each output column comes from. That is the case for a mart built by
 * one {@code SELECT} straight from raw tables with aliases ({@code FROM {{raw}}.opportunities o LEFT JOIN
 * {{raw}}.users u}): an output column's inputs are the {@code alias.column} references in its expression. A mart
 * built through a {@code WITH} (its columns come from a derived table) gets table lineage only.
 *
 * @param tables the raw tables read, as written after {@code {{raw}}.}
 * @param columns output column → its input columns as {@code table.column}; empty when not known
 */
record MartColumnLineage(Set<String> tables, Map<String, List<String>> columns) {

  private static final Pattern RAW_TABLE = Pattern.compile(
      "\\{\\{\\s*raw\\s*}}\\.(\\w+)(?:\\s+(?:AS\\s+)?(?!ON\\b|WHERE\\b|LEFT\\b|JOIN\\b|CROSS\\b|INNER\\b|GROUP\\b)(\\w+))?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY = Pattern.compile(
      "CREATE\\s+TABLE\\s+\\S+\\s+AS\\s+SELECT\\s+(.*?)\\s+FROM\\s", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern REFERENCE = Pattern.compile("\\b(\\w+)\\.(\\w+)\\b");
  private static final Pattern OUTPUT_NAME = Pattern.compile("(?:\\bAS\\s+|\\.)(\\w+)\\s*$", Pattern.CASE_INSENSITIVE);

  static MartColumnLineage of(String sql) {
    String text = sql.replaceAll("--[^\\n]*", " ");
    Map<String, String> aliases = new LinkedHashMap<>();
    Set<String> tables = new LinkedHashSet<>();
    Matcher t = RAW_TABLE.matcher(text);
    while (t.find()) {
      tables.add(t.group(1));
      aliases.put(t.group(2) == null ? t.group(1) : t.group(2).toLowerCase(Locale.ROOT), t.group(1));
    }
    Matcher body = BODY.matcher(text);
    Map<String, List<String>> columns = new LinkedHashMap<>();
    if (!body.find()) {
      return new MartColumnLineage(tables, columns);
    }
    for (String item : topLevel(body.group(1))) {
      Matcher name = OUTPUT_NAME.matcher(item.strip());
      if (!name.find()) {
        continue;
      }
      Set<String> inputs = new LinkedHashSet<>();
      Matcher ref = REFERENCE.matcher(item);
      while (ref.find()) {
        String table = aliases.get(ref.group(1).toLowerCase(Locale.ROOT));
        if (table != null) {
          inputs.add(table + "." + ref.group(2));
        }
      }
      if (!inputs.isEmpty()) {
        columns.put(name.group(1), List.copyOf(inputs));
      }
    }
    return new MartColumnLineage(tables, columns);
  }

  /** The select list split at its top-level commas (not those inside parentheses). */
  private static List<String> topLevel(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        items.add(list.substring(start, i));
        start = i + 1;
      }
    }
    items.add(list.substring(start));
    return items;
  }
}
