package io.tributary.sandbox.netsuite;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code malformed} fault: one amount in a page comes back in a display format no parser accepts as exact. */
final class NetSuiteCorruption {

  private NetSuiteCorruption() {}

  static void apply(ObjectNode item, SuiteQlQuery query) {
    for (SuiteQlQuery.Output o : query.select()) {
      if (query.table().kind(o.column()) == SuiteQlTable.Kind.DECIMAL && item.has(o.alias())) {
        item.put(o.alias(), "1.234,56 ¤");
        return;
      }
    }
  }
}
