package io.tributary.source.sap;

/**
 * What one stream reads: an entity set of a service, ordered by an optional change timestamp and then its key.
 *
 * @param name the stream name in the job
 * @param service the service name or path under {@code base_url}, for example {@code API_SALES_ORDER_SRV}
 * @param entitySet the entity set, for example {@code A_SalesOrder}
 * @param changeField the change timestamp property for incremental reads, or null for a key-ordered full read
 */
record SapStream(String name, String service, String entitySet, String changeField) {

  boolean incrementalCapable() {
    return changeField != null;
  }
}
