package io.tributary.mart;

import io.tributary.core.Sink;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the dictionary into the warehouse as {@code COMMENT ON TABLE/COLUMN}, so a BI tool or a SQL client sees the
 * same meanings as the catalog. Comments are documentation: a warehouse that refuses them (BigQuery has no COMMENT
 * statement) logs a warning and the run goes on.
 */
final class MartComments {

  private static final Logger LOG = LoggerFactory.getLogger(MartComments.class);

  private MartComments() {}

  static List<String> statements(MartDeclaration mart) {
    List<String> out = new ArrayList<>();
    String table = "marts." + mart.name();
    out.add("COMMENT ON TABLE " + table + " IS " + literal(mart.description() + " Grain: " + mart.grain()));
    for (MartColumn c : mart.columns()) {
      String text = c.description() + (c.unit() == null ? "" : " [" + c.unit() + "]") + (c.pii() ? " (PII)" : "");
      out.add("COMMENT ON COLUMN " + table + "." + c.name() + " IS " + literal(text));
    }
    return out;
  }

  static void apply(MartFile file, Sink sink) {
    MartDictionary.of(file).ifPresent(mart -> {
      try {
        for (String statement : statements(mart)) {
          sink.executeMartStatement(statement);
        }
      } catch (RuntimeException e) {
        LOG.warn("mart {}: the warehouse refused its dictionary comments ({}); the mart is built without them",
            mart.name(), e.getMessage());
      }
    });
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
