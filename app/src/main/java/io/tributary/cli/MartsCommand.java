package io.tributary.cli;

import io.tributary.mart.read.MartReader;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./tributary marts}: the catalog of a job's marts, with row counts and freshness. */
@Command(name = "marts", description = "Show the catalog of a job's marts: meaning, grain, columns, rows, freshness.")
final class MartsCommand extends MartReaderCommand {

  @Option(names = "--json", description = "print the catalog as JSON (what the MCP tool list_marts returns)")
  boolean json;

  @Option(names = "--columns", description = "list each mart's columns too")
  boolean columns;

  @Option(names = "--markdown", description = "print docs/marts.md, generated from the data dictionary")
  boolean markdown;

  @Override
  public Integer call() {
    if (markdown) {
      out().print(io.tributary.mart.MartsDoc.render(io.tributary.mart.MartDictionary.all(java.nio.file.Path.of(""))));
      out().flush();
      return TributaryCommand.OK;
    }
    try (MartReader r = openReader()) {
      List<Map<String, Object>> marts = r.catalog(ReaderOptions.cliCaller("marts"));
      if (json) {
        JsonOutput.print(out(), Map.of("warehouse", r.location(), "marts", marts));
        return TributaryCommand.OK;
      }
      out().println("Marts of " + reader.job + (r.jobs().size() > 1 ? " (jobs " + String.join(", ", r.jobs()) + ")"
          : "") + " (read from " + r.location() + ")");
      for (Map<String, Object> m : marts) {
        print(m);
      }
    }
    return TributaryCommand.OK;
  }

  @SuppressWarnings("unchecked")
  private void print(Map<String, Object> m) {
    Map<String, Object> f = (Map<String, Object>) m.get("freshness");
    Object rows = m.get("row_count");
    out().printf("%n%-28s %s rows   %s%n", m.get("table"), rows == null ? "not built" : String.format("%,d", rows),
        Boolean.TRUE.equals(f.get("stale")) ? "STALE" : "fresh");
    out().println("  " + m.get("description"));
    out().println("  job: " + m.get("job"));
    out().println("  grain: " + m.get("grain"));
    out().printf("  freshness: built %s, oldest input %s h old (limit %s h)%n", f.get("built_at"),
        f.get("oldest_input_age_hours"), f.get("staleness_limit_hours"));
    for (Map<String, Object> i : (List<Map<String, Object>>) f.get("inputs")) {
      out().printf("    %-20s last loaded %s%n", i.get("stream"), i.get("last_loaded_at") == null ? "never"
          : i.get("last_loaded_at"));
    }
    if (columns) {
      for (Map<String, Object> c : (List<Map<String, Object>>) m.get("columns")) {
        out().printf("    %-26s %-14s %s%s%s%n", c.get("name"), c.get("type"), c.get("description"),
            c.get("unit") == null ? "" : " [" + c.get("unit") + "]", Boolean.TRUE.equals(c.get("pii")) ? " (PII)" : "");
      }
    }
  }
}
