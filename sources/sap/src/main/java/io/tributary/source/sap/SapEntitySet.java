package io.tributary.source.sap;

import io.tributary.core.StreamSchema;
import java.util.List;
import java.util.Map;

/**
 * An entity set of a service with its entity type's key and properties (in declaration order).
 *
 * @param name entity set name, for example {@code A_SalesOrder}
 * @param typeName the entity type, for example {@code A_SalesOrderType}
 * @param keys the key property names in {@code <Key>} order
 * @param properties properties by name, declaration order
 */
record SapEntitySet(String name, String typeName, List<String> keys, Map<String, SapProperty> properties) {

  SapEntitySet {
    keys = List.copyOf(keys);
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
  }

  SapProperty property(String property) {
    return properties.get(property);
  }

  StreamSchema schema(String stream) {
    return new StreamSchema(stream, properties.values().stream().map(SapProperty::column).toList(), keys);
  }
}
