package io.tributary.sandbox.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulated sObject type: its key prefix and fields in describe order. Field lookup ignores case, as SOQL does.
 */
public final class SalesforceObject {

  private final String name;
  private final String label;
  private final String labelPlural;
  private final String keyPrefix;
  private final List<SalesforceField> fields;
  private final Map<String, SalesforceField> byName = new LinkedHashMap<>();
  private final Map<String, SalesforceField> byRelationship = new LinkedHashMap<>();

  SalesforceObject(String name, String labelPlural, String keyPrefix, List<SalesforceField> fields) {
    this.name = name;
    this.label = name;
    this.labelPlural = labelPlural;
    this.keyPrefix = keyPrefix;
    this.fields = List.copyOf(fields);
    for (SalesforceField f : fields) {
      byName.put(f.name().toLowerCase(Locale.ROOT), f);
      if (f.relationshipName() != null) {
        byRelationship.put(f.relationshipName().toLowerCase(Locale.ROOT), f);
      }
    }
  }

  public String name() {
    return name;
  }

  public String label() {
    return label;
  }

  public String labelPlural() {
    return labelPlural;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public List<SalesforceField> fields() {
    return fields;
  }

  /** The field with this API name (any case), or null. */
  public SalesforceField field(String apiName) {
    return byName.get(apiName.toLowerCase(Locale.ROOT));
  }

  /** The reference field behind a relationship name like {@code Owner} (any case), or null. */
  public SalesforceField relationship(String relationshipName) {
    return byRelationship.get(relationshipName.toLowerCase(Locale.ROOT));
  }

  public String id(long index) {
    return SalesforceIds.of(keyPrefix, index);
  }
}
