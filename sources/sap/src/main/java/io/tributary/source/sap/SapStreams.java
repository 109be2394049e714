package io.tributary.source.sap;

import io.tributary.core.StreamOptions;
import io.tributary.core.TributaryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in streams and the {@code options:} every stream takes: {@code service}, {@code entity_set} and
 * {@code change_field}. A stream whose name is not built in must name its service and entity set.
 */
final class SapStreams {

  static final Set<String> OPTIONS = Set.of("service", "entity_set", "change_field");

  /** API_SALES_ORDER_SRV and API_BUSINESS_PARTNER; only the header has a documented change timestamp. */
  private static final Map<String, SapStream> BUILT_IN = new LinkedHashMap<>();

  static {
    add(new SapStream("A_SalesOrder", "API_SALES_ORDER_SRV", "A_SalesOrder", "LastChangeDateTime"));
    add(new SapStream("A_SalesOrderItem", "API_SALES_ORDER_SRV", "A_SalesOrderItem", null));
    add(new SapStream("A_BusinessPartner", "API_BUSINESS_PARTNER", "A_BusinessPartner", null));
  }

  private SapStreams() {}

  private static void add(SapStream s) {
    BUILT_IN.put(s.name(), s);
  }

  static List<String> names() {
    return List.copyOf(BUILT_IN.keySet());
  }

  static SapStream resolve(String stream, Map<String, Object> options) {
    Map<String, Object> opts = StreamOptions.known(stream, options, OPTIONS, "an SAP stream takes " + OPTIONS);
    SapStream base = BUILT_IN.get(stream);
    String service = text(opts, "service", base == null ? null : base.service());
    String set = text(opts, "entity_set", base == null ? stream : base.entitySet());
    String change = opts.containsKey("change_field") ? text(opts, "change_field", null)
        : base == null ? null : base.changeField();
    if (service == null) {
      throw TributaryException.config("stream '" + stream + "' is not built in and has no options.service",
          "set options.service (for example API_SALES_ORDER_SRV) and options.entity_set, or use one of "
              + names());
    }
    return new SapStream(stream, service, set, change == null || change.isBlank() ? null : change);
  }

  private static String text(Map<String, Object> opts, String key, String fallback) {
    Object v = opts.get(key);
    return v == null ? fallback : v.toString().trim();
  }
}
