package io.tributary.sandbox.sap;

import io.tributary.sandbox.RowState;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One simulated entity set: its service, type, key, properties and how a dataset row becomes typed values
 * (String, Instant for Edm.DateTime/DateTimeOffset, BigDecimal, Boolean).
 *
 * @param service the service, for example {@code API_SALES_ORDER_SRV}
 * @param set the entity set, which is also the dataset object
 * @param type the entity type name
 * @param keys key property names
 * @param properties the properties in declaration order
 * @param corruptField the property a {@code malformed} fault garbles
 * @param values row → typed values, given the row's current state and this entity's service-wide id base
 */
record SapEntity(String service, String set, String type, List<String> keys, List<Prop> properties,
    String corruptField, BiFunction<RowState, java.util.SplittableRandom, Map<String, Object>> values) {

  /**
   * One property.
   *
   * @param name property name
   * @param edm EDM type
   * @param facets extra EDMX attributes, for example {@code MaxLength="10"}
   */
  record Prop(String name, String edm, String facets) {}

  Prop prop(String name) {
    return properties.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }
}
