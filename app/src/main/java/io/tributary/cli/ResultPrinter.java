package io.tributary.cli;

import io.tributary.mart.read.QueryResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints a query result as an aligned table or as CSV (RFC 4180 quoting). */
final class ResultPrinter {

  private final PrintWriter out;

  ResultPrinter(PrintWriter out) {
    this.out = out;
  }

  void table(QueryResult r) {
    List<String> names = r.columns().stream().map(QueryResult.Column::name).toList();
    int[] width = names.stream().mapToInt(String::length).toArray();
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, Object> row : r.rows()) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String v = String.valueOf(row.get(names.get(i)));
        width[i] = Math.max(width[i], v.length());
        line.add(v);
      }
      cells.add(line);
    }
    printLine(names, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    printLine(rule, width);
    cells.forEach(line -> printLine(line, width));
    out.println("(" + r.rows().size() + " rows" + (r.truncated() ? ", truncated at the limit" : "") + ")");
  }

  void csv(QueryResult r) {
    List<String> names = r.columns().stream().map(QueryResult.Column::name).toList();
    out.println(String.join(",", names.stream().map(ResultPrinter::quote).toList()));
    for (Map<String, Object> row : r.rows()) {
      out.println(String.join(",", names.stream().map(n -> row.get(n) == null ? "" : quote(String.valueOf(
          row.get(n)))).toList()));
    }
  }

  private void printLine(List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", cells.get(i)));
    }
    out.println(b.toString().stripTrailing());
  }

  private static String quote(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
