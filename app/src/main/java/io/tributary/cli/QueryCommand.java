package io.tributary.cli;

import io.tributary.mart.read.MartQuery;
import io.tributary.mart.read.MartReader;
import io.tributary.mart.read.QueryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./tributary query "<sql>"}: one read-only query over a job's marts, as a table, CSV or JSON. */
@Command(name = "query", description = "Run one read-only SELECT over a job's marts (table, csv or json output).")
final class QueryCommand extends CliCommand implements Callable<Integer> {

  enum Format { table, csv, json }

  @Mixin
  ReaderOptions reader;

  @Parameters(index = "0", description = "one SELECT over marts.<name>")
  String sql;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json")
  Format format;

  @Option(names = "--limit", defaultValue = "100", description = "most rows (at most 1000)")
  int limit;

  @Option(names = "--timeout", defaultValue = "30", description = "seconds")
  int timeoutSeconds;

  @Option(names = "--param", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
      description = {"a value for a ? placeholder, in order (repeatable)", "  Default: none"})
  List<String> params = new ArrayList<>();

  @Override
  public Integer call() {
    try (MartReader r = reader.open()) {
      QueryResult result = r.query(new MartQuery(sql, new ArrayList<>(params), limit,
          Duration.ofSeconds(timeoutSeconds)), ReaderOptions.cliCaller("query"));
      switch (format) {
        case json -> JsonOutput.print(out(), Map.of("columns", result.columns(), "rows", result.rows(),
            "truncated", result.truncated()));
        case csv -> new ResultPrinter(out()).csv(result);
        default -> new ResultPrinter(out()).table(result);
      }
      return TributaryCommand.OK;
    }
  }
}
