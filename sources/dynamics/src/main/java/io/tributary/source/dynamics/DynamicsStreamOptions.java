package io.tributary.source.dynamics;

import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dataverse stream: its name is the table's logical name ({@code account}); {@code options.select} lists the Web
 * API properties to read (lookups as {@code _x_value}), default every readable attribute.
 *
 * @param select the properties to {@code $select}, or empty for all readable attributes
 */
record DynamicsStreamOptions(List<String> select) {

  private static final Set<String> KEYS = Set.of("select");

  static DynamicsStreamOptions parse(String stream, Map<String, Object> options) {
    if (!stream.matches("[a-z][a-z0-9_]*")) {
      throw TributaryException.config("'" + stream + "' is not a Dataverse table logical name",
          "name the stream by the table's logical name (lower case, e.g. account, contact, new_project)");
    }
    Map<String, Object> o = StreamOptions.known(stream, options, KEYS, "Dynamics 365 streams accept " + KEYS);
    return new DynamicsStreamOptions(StreamOptions.list(stream, o, "select",
        "write select: [name, accountnumber, _primarycontactid_value]"));
  }
}
