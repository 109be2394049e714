package io.tributary.sandbox.dynamics;

import java.util.List;
import java.util.Locale;

/** The tables the simulator serves: logical name, entity set, primary id and attributes (logical name, type). */
public final class DynamicsCatalog {

  /** One attribute as EntityDefinitions/Attributes describes it ({@code AttributeType} values of the Web API). */
  public record Attribute(String logicalName, String type) {

    /** The property name in entity JSON: lookups come back as {@code _<name>_value}. */
    public String property() {
      return isLookup() ? "_" + logicalName + "_value" : logicalName;
    }

    boolean isLookup() {
      return type.equals("Lookup") || type.equals("Customer") || type.equals("Owner");
    }

    String metadataType() {
      return "#Microsoft.Dynamics.CRM." + (type.equals("Uniqueidentifier") ? "UniqueIdentifier"
          : type.equals("State") ? "State" : type) + "AttributeMetadata";
    }
  }

  /** One table. */
  public record Table(String logicalName, String entitySet, String primaryId, List<Attribute> attributes) {

    /** A GUID whose first 8 hex digits are the row index, so key order is index order. */
    public String id(long index) {
      long tag = Math.abs(logicalName.hashCode()) & 0xFFFFL;
      return String.format(Locale.ROOT, "%08x-%04x-e711-80e5-00155db19e6d", index, tag);
    }

    /** The row index of an id made by {@link #id}, or -1. */
    public long index(String id) {
      String s = id.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
      if (s.length() != 36 || !s.equals(id(Long.parseLong(s.substring(0, 8), 16)))) {
        return -1;
      }
      return Long.parseLong(s.substring(0, 8), 16);
    }
  }

  static final Table ACCOUNT = new Table("account", "accounts", "accountid", List.of(
      new Attribute("accountid", "Uniqueidentifier"), new Attribute("name", "String"),
      new Attribute("accountnumber", "String"), new Attribute("telephone1", "String"),
      new Attribute("revenue", "Money"), new Attribute("numberofemployees", "Integer"),
      new Attribute("industrycode", "Picklist"), new Attribute("statecode", "State"),
      new Attribute("donotphone", "Boolean"), new Attribute("exchangerate", "Decimal"),
      new Attribute("primarycontactid", "Lookup"), new Attribute("createdon", "DateTime"),
      new Attribute("modifiedon", "DateTime")));

  static final Table CONTACT = new Table("contact", "contacts", "contactid", List.of(
      new Attribute("contactid", "Uniqueidentifier"), new Attribute("fullname", "String"),
      new Attribute("jobtitle", "String"), new Attribute("annualincome", "Money"),
      new Attribute("parentcustomerid", "Customer"), new Attribute("statecode", "State"),
      new Attribute("createdon", "DateTime"), new Attribute("modifiedon", "DateTime")));

  static final Table OPPORTUNITY = new Table("opportunity", "opportunities", "opportunityid", List.of(
      new Attribute("opportunityid", "Uniqueidentifier"), new Attribute("name", "String"),
      new Attribute("parentaccountid", "Lookup"), new Attribute("estimatedvalue", "Money"),
      new Attribute("closeprobability", "Integer"), new Attribute("stepname", "String"),
      new Attribute("statecode", "State"), new Attribute("estimatedclosedate", "DateTime"),
      new Attribute("createdon", "DateTime"), new Attribute("modifiedon", "DateTime")));

  private DynamicsCatalog() {}

  public static List<Table> all() {
    return List.of(ACCOUNT, CONTACT, OPPORTUNITY);
  }

  public static Table byLogicalName(String name) {
    return all().stream().filter(t -> t.logicalName().equals(name)).findFirst().orElse(null);
  }

  public static Table byEntitySet(String set) {
    return all().stream().filter(t -> t.entitySet().equals(set)).findFirst().orElse(null);
  }
}
