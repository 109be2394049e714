package io.tributary.cli;

import io.tributary.config.LoadedJob;
import io.tributary.config.StreamConfig;
import io.tributary.core.Column;
import io.tributary.core.Source;
import io.tributary.core.StreamSchema;
import io.tributary.engine.PlatformRegistry;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ./tributary discover <job>}: the streams the source offers and their inferred schema. */
@Command(name = "discover", description = "List the source's streams and their inferred schema.")
final class DiscoverCommand extends JobCommand {

  @Override
  Integer call(LoadedJob job) {
    PlatformRegistry platforms = engine().bean(PlatformRegistry.class);
    try (Source source = platforms.createSource(job)) {
      for (StreamConfig stream : job.config().streams()) {
        print(source.discover(stream.name(), stream.optionsOrEmpty()), "");
      }
      for (StreamSchema s : source.discover()) {
        if (!readByJob(s.name(), job.config().streams())) {
          print(s, "  (not in this job)");
        }
      }
    }
    return TributaryCommand.OK;
  }

  private void print(StreamSchema s, String tag) {
    out().println(s.name() + "  key " + s.primaryKey() + tag);
    for (Column c : s.columns()) {
      String type = c.type().name().toLowerCase()
          + (c.precision() > 0 && c.type() == io.tributary.core.ColumnType.DECIMAL
              ? "(" + c.precision() + "," + c.scale() + ")" : "");
      out().printf("    %-32s %s%s%n", c.name(), type, c.nullable() ? "" : " not null");
    }
  }

  /**
   * Whether a stream of the job reads the source object {@code object}. The source lists its objects by the
   * platform's names (Salesforce {@code Opportunity}, a table {@code public.orders}) while a job's streams have names
   * of their own and name the object in a platform-specific option ({@code object:}, {@code entity_set:},
   * {@code table:}): a stream reads the object when its name or one of its option values names it.
   */
  static boolean readByJob(String object, List<StreamConfig> streams) {
    for (StreamConfig stream : streams) {
      if (names(stream.name(), object)) {
        return true;
      }
      for (Object value : stream.optionsOrEmpty().values()) {
        if (value instanceof String v && names(v, object)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code public.orders} names {@code orders} and the other way round; case does not matter. */
  private static boolean names(String a, String b) {
    String x = a.trim().toLowerCase(java.util.Locale.ROOT);
    String y = b.trim().toLowerCase(java.util.Locale.ROOT);
    return x.equals(y) || x.endsWith("." + y) || y.endsWith("." + x);
  }
}
