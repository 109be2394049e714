package io.tributary.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.core.Sink;
import io.tributary.core.Source;
import io.tributary.engine.PlatformRegistry;
import io.tributary.engine.partition.ScaleOut;
import io.tributary.mapping.RecordMapper;
import io.tributary.mart.MartBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code ./tributary check <job>}: validate the job file, test both connections, check fields against discovery. */
@Command(name = "check", description = "Validate a job file and test its source and sink connections.")
final class CheckCommand extends JobCommand {

  @Override
  Integer call(LoadedJob job) {
    engine().bean(ScaleOut.class).check(job);
    PlatformRegistry platforms = engine().bean(PlatformRegistry.class);
    platforms.validate(job);
    out().println("✓ " + jobFile + " is valid (" + job.config().streams().size() + " streams)");
    try (Source source = platforms.createSource(job);
        Sink sink = platforms.createSink(job)) {
      source.check();
      out().println("✓ source " + job.config().sourceType() + " reachable, credentials accepted");
      sink.check();
      out().println("✓ sink " + job.config().sinkType() + " reachable, can write to schema " + sink.rawSchema());
      for (StreamConfig stream : job.config().streams()) {
        source.validateStream(stream.name(), stream.optionsOrEmpty());
        var schema = source.discover(stream.name(), stream.optionsOrEmpty());
        checkCursor(stream, schema);
        byte[] piiKey = job.config().piiKey() == null ? null
            : job.config().piiKey().resolve().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RecordMapper mapper = RecordMapper.compile(stream, schema, new ObjectMapper(), piiKey);
        out().println("✓ stream " + stream.name() + " → " + stream.tableOrDefault() + " ("
            + mapper.outputSchema().columns().size() + " columns, key " + mapper.outputSchema().primaryKey() + ")");
      }
      if (!job.config().martsOrEmpty().isEmpty()) {
        int n = MartBuilder.load(Path.of("").toAbsolutePath(), job.config().martsOrEmpty()).size();
        out().println("✓ " + n + " marts found, dependencies resolve");
      }
    }
    return TributaryCommand.OK;
  }

  /** A cursor field the source does not have would only fail at the first run's read; say so now. */
  private static void checkCursor(StreamConfig stream, io.tributary.core.StreamSchema schema) {
    if (schema.columns().isEmpty()) {
      return;
    }
    for (String field : stream.cursorOrEmpty()) {
      boolean known = schema.columnNames().stream().anyMatch(c -> c.equalsIgnoreCase(field)
          || io.tributary.core.Identifiers.columnName(c).equals(io.tributary.core.Identifiers.columnName(field)));
      if (!known) {
        throw io.tributary.core.TributaryException.config("stream '" + stream.name() + "': cursor field '" + field
            + "' is not a field of the source", io.tributary.core.NameSuggester.didYouMean(field,
            schema.columnNames()) + "fields the source reports: " + String.join(", ", schema.columnNames()));
      }
    }
  }
}
