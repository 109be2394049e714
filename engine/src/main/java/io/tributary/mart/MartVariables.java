package io.tributary.mart;

import io.tributary.core.TributaryException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{name}}} placeholders of mart SQL: {@code raw} (the sink's raw schema), {@code as_of} (the date aging
 * marts measure to: today unless the job's {@code mart_variables.as_of} names a date) and any other name the job's
 * {@code mart_variables} declares, which must be a schema name (a cross-source mart reads another job's raw schema
 * in the same warehouse). Values are checked, never pasted as free text: they end up in SQL.
 */
public final class MartVariables {

  public static final String AS_OF = "as_of";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_][a-z0-9_]*)\\s*}}");
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> sql;

  private MartVariables(Map<String, String> sql) {
    this.sql = sql;
  }

  /** The job's declared variables (may be null), checked: as_of is a date or 'today', the others schema names. */
  public static MartVariables of(Map<String, String> declared) {
    Map<String, String> sql = new LinkedHashMap<>();
    sql.put(AS_OF, "CURRENT_DATE");
    if (declared != null) {
      declared.forEach((name, value) -> sql.put(name, render(name, value)));
    }
    return new MartVariables(sql);
  }

  private static String render(String name, String value) {
    String v = value == null ? "" : value.strip();
    if (name.equals(AS_OF)) {
      if (v.equalsIgnoreCase("today")) {
        return "CURRENT_DATE";
      }
      try {
        return "DATE '" + LocalDate.parse(v) + "'";
      } catch (DateTimeParseException e) {
        throw TributaryException.config("mart_variables.as_of '" + v + "' is not a date",
            "write a date like 2023-12-31, or 'today' (the default)");
      }
    }
    if (name.equals("raw") || !SCHEMA.matcher(v).matches()) {
      throw TributaryException.config("mart_variables." + name + " '" + v + "' is not a schema name",
          "mart variables other than as_of name a schema ([A-Za-z_][A-Za-z0-9_]*); 'raw' is always the job's own");
    }
    return v;
  }

  /** The SQL with every placeholder replaced; a placeholder the job does not declare is a configuration error. */
  public String apply(String martSql, String rawSchema, MartFile mart) {
    Matcher m = PLACEHOLDER.matcher(martSql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = name.equals("raw") ? rawSchema : sql.get(name);
      if (value == null) {
        throw TributaryException.config("mart " + mart.path() + " uses {{" + name + "}}, which the job does not"
            + " declare", "add it under mart_variables: in the job file, for example 'mart_variables: { " + name
            + ": <schema> }' (docs/marts.md)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
