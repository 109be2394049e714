package io.tributary.sandbox.salesforce;

import java.util.List;

/**
 * One field of a simulated sObject, as its describe reports it.
 *
 * @param name API name
 * @param type describe type (id, boolean, string, picklist, reference, currency, percent, date, datetime, ...)
 * @param label UI label
 * @param length max characters for text types, else 0
 * @param precision total digits for numbers, else 0
 * @param scale digits after the point, else 0
 * @param nillable whether the field can be null
 * @param referenceTo the referenced object for references, else null
 * @param relationshipName the relationship name for references (like Owner), else null
 * @param picklist active picklist values
 */
public record SalesforceField(
    String name, String type, String label, int length, int precision, int scale, boolean nillable,
    String referenceTo, String relationshipName, List<String> picklist) {

  public SalesforceField {
    picklist = List.copyOf(picklist);
  }

  static SalesforceField of(String name, String type, String label, int length, boolean nillable) {
    return new SalesforceField(name, type, label, length, 0, 0, nillable, null, null, List.of());
  }

  static SalesforceField number(String name, String type, String label, int precision, int scale) {
    return new SalesforceField(name, type, label, 0, precision, scale, true, null, null, List.of());
  }

  static SalesforceField reference(String name, String label, String to, String relationship, boolean nillable) {
    return new SalesforceField(name, "reference", label, 18, 0, 0, nillable, to, relationship, List.of());
  }

  static SalesforceField picklist(String name, String label, int length, boolean nillable, List<String> values) {
    return new SalesforceField(name, "picklist", label, length, 0, 0, nillable, null, null, values);
  }

  /** The SOAP type describe reports next to the type. */
  public String soapType() {
    return switch (type) {
      case "id", "reference" -> "tns:ID";
      case "boolean" -> "xsd:boolean";
      case "currency", "percent", "double" -> "xsd:double";
      case "int" -> "xsd:int";
      case "date" -> "xsd:date";
      case "datetime" -> "xsd:dateTime";
      case "address" -> "urn:address";
      default -> "xsd:string";
    };
  }

  /** True for fields whose value is a JSON object (compound fields); Bulk API queries reject them. */
  public boolean compound() {
    return type.equals("address") || type.equals("location");
  }
}
