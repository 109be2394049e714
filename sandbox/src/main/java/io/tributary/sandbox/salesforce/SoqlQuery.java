package io.tributary.sandbox.salesforce;

import io.tributary.sandbox.RowKey;
import java.util.List;

/**
 * A parsed SOQL query of one of the shapes the sandbox supports.
 *
 * @param object the queried sObject
 * @param count true for {@code SELECT COUNT()}
 * @param fields the selected paths in canonical case ({@code Id}, {@code Owner.Name}); empty for COUNT()
 * @param after exclusive lower key bound, or null
 * @param before exclusive upper key bound, or null
 * @param limit the LIMIT, or -1
 */
public record SoqlQuery(
    SalesforceObject object, boolean count, List<String> fields, RowKey after, RowKey before, long limit) {

  public SoqlQuery {
    fields = List.copyOf(fields);
  }
}
