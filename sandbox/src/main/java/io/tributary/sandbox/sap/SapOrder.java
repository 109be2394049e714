package io.tributary.sandbox.sap;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code $orderby} orders the simulator serves: the key (also the default), or a timestamp property followed by
 * the key. Both are dataset orders (keys grow with the row index; rows are kept in (modified, index) order), so
 * paging never sorts.
 *
 * @param changeField the leading timestamp property, or null for key order
 */
record SapOrder(String changeField) {

  static SapOrder parse(String orderBy, SapEntity e) {
    List<String> fields = new ArrayList<>();
    if (orderBy != null && !orderBy.isBlank()) {
      for (String part : orderBy.split(",")) {
        String[] words = part.trim().split("\\s+");
        if (e.prop(words[0]) == null) {
          throw new SapFilterException("Property '" + words[0] + "' not found in type '" + e.type() + "'");
        }
        if (words.length > 1 && !words[1].equalsIgnoreCase("asc")) {
          throw new SapFilterException("The simulator sorts ascending only; got '" + part.trim() + "'");
        }
        fields.add(words[0]);
      }
    }
    if (fields.isEmpty() || fields.equals(e.keys())) {
      return new SapOrder(null);
    }
    List<String> rest = fields.subList(1, fields.size());
    SapEntity.Prop lead = e.prop(fields.get(0));
    if (rest.equals(e.keys()) && lead.edm().equals("Edm.DateTimeOffset")) {
      return new SapOrder(lead.name());
    }
    throw new SapFilterException("The simulator sorts by the key " + e.keys()
        + " or by an Edm.DateTimeOffset property followed by the key; got '" + orderBy + "'");
  }
}
