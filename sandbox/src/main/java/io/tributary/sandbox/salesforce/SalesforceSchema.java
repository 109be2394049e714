package io.tributary.sandbox.salesforce;

import static io.tributary.sandbox.salesforce.SalesforceField.number;
import static io.tributary.sandbox.salesforce.SalesforceField.of;
import static io.tributary.sandbox.salesforce.SalesforceField.picklist;
import static io.tributary.sandbox.salesforce.SalesforceField.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sObjects the sandbox serves: Account, Contact, Opportunity and User, with real standard picklist values. */
public final class SalesforceSchema {

  /** Opportunity stages with their default probabilities, as a new org ships them. */
  public static final Map<String, Integer> STAGES = stages();

  static final List<String> ACCOUNT_TYPES = List.of("Prospect", "Customer - Direct", "Customer - Channel",
      "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other");
  static final List<String> INDUSTRIES = List.of("Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals",
      "Communications", "Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering",
      "Entertainment", "Environmental", "Finance", "Food & Beverage", "Government", "Healthcare", "Hospitality",
      "Insurance", "Machinery", "Manufacturing", "Media", "Not For Profit", "Recreation", "Retail", "Shipping",
      "Technology", "Telecommunications", "Transportation", "Utilities", "Other");
  static final List<String> OPPORTUNITY_TYPES = List.of("Existing Customer - Upgrade",
      "Existing Customer - Replacement", "Existing Customer - Downgrade", "New Customer");
  static final List<String> LEAD_SOURCES = List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List",
      "Other");

  private static final Map<String, SalesforceObject> OBJECTS = objects();

  private SalesforceSchema() {}

  /** The object with this name (any case), or null. */
  public static SalesforceObject object(String name) {
    return OBJECTS.get(name.toLowerCase(Locale.ROOT));
  }

  public static List<SalesforceObject> all() {
    return List.copyOf(OBJECTS.values());
  }

  private static Map<String, SalesforceObject> objects() {
    Map<String, SalesforceObject> m = new LinkedHashMap<>();
    for (SalesforceObject o : List.of(account(), contact(), opportunity(), user())) {
      m.put(o.name().toLowerCase(Locale.ROOT), o);
    }
    return m;
  }

  private static SalesforceObject account() {
    List<SalesforceField> f = new ArrayList<>();
    f.add(of("Id", "id", "Account ID", 18, false));
    f.add(of("IsDeleted", "boolean", "Deleted", 0, false));
    f.add(of("Name", "string", "Account Name", 255, false));
    f.add(picklist("Type", "Account Type", 40, true, ACCOUNT_TYPES));
    f.add(picklist("Industry", "Industry", 40, true, INDUSTRIES));
    f.add(of("BillingStreet", "textarea", "Billing Street", 255, true));
    f.add(of("BillingCity", "string", "Billing City", 40, true));
    f.add(of("BillingState", "string", "Billing State/Province", 80, true));
    f.add(of("BillingPostalCode", "string", "Billing Zip/Postal Code", 20, true));
    f.add(of("BillingCountry", "string", "Billing Country", 80, true));
    f.add(of("BillingAddress", "address", "Billing Address", 0, true));
    f.add(of("Phone", "phone", "Account Phone", 40, true));
    f.add(of("Website", "url", "Website", 255, true));
    f.add(number("AnnualRevenue", "currency", "Annual Revenue", 18, 0));
    f.add(new SalesforceField("NumberOfEmployees", "int", "Employees", 0, 0, 0, true, null, null, List.of()));
    f.add(reference("OwnerId", "Owner ID", "User", "Owner", false));
    audit(f);
    return new SalesforceObject("Account", "Accounts", "001", f);
  }

  private static SalesforceObject contact() {
    List<SalesforceField> f = new ArrayList<>();
    f.add(of("Id", "id", "Contact ID", 18, false));
    f.add(of("IsDeleted", "boolean", "Deleted", 0, false));
    f.add(reference("AccountId", "Account ID", "Account", "Account", true));
    f.add(of("LastName", "string", "Last Name", 80, false));
    f.add(of("FirstName", "string", "First Name", 40, true));
    f.add(of("Name", "string", "Full Name", 121, false));
    f.add(of("Title", "string", "Title", 128, true));
    f.add(of("Email", "email", "Email", 80, true));
    f.add(of("Phone", "phone", "Business Phone", 40, true));
    f.add(picklist("LeadSource", "Lead Source", 255, true, LEAD_SOURCES));
    f.add(of("Birthdate", "date", "Birthdate", 0, true));
    f.add(reference("OwnerId", "Owner ID", "User", "Owner", false));
    audit(f);
    return new SalesforceObject("Contact", "Contacts", "003", f);
  }

  private static SalesforceObject opportunity() {
    List<SalesforceField> f = new ArrayList<>();
    f.add(of("Id", "id", "Opportunity ID", 18, false));
    f.add(of("IsDeleted", "boolean", "Deleted", 0, false));
    f.add(reference("AccountId", "Account ID", "Account", "Account", true));
    f.add(of("Name", "string", "Name", 120, false));
    f.add(picklist("StageName", "Stage", 255, false, List.copyOf(STAGES.keySet())));
    f.add(number("Amount", "currency", "Amount", 18, 2));
    f.add(number("Probability", "percent", "Probability (%)", 3, 0));
    f.add(of("CloseDate", "date", "Close Date", 0, false));
    f.add(picklist("Type", "Opportunity Type", 255, true, OPPORTUNITY_TYPES));
    f.add(of("IsClosed", "boolean", "Closed", 0, false));
    f.add(of("IsWon", "boolean", "Won", 0, false));
    f.add(reference("OwnerId", "Owner ID", "User", "Owner", false));
    audit(f);
    return new SalesforceObject("Opportunity", "Opportunities", "006", f);
  }

  private static SalesforceObject user() {
    List<SalesforceField> f = new ArrayList<>();
    f.add(of("Id", "id", "User ID", 18, false));
    f.add(of("Username", "string", "Username", 80, false));
    f.add(of("LastName", "string", "Last Name", 80, false));
    f.add(of("FirstName", "string", "First Name", 40, true));
    f.add(of("Name", "string", "Full Name", 121, false));
    f.add(of("Email", "email", "Email", 128, false));
    f.add(of("IsActive", "boolean", "Active", 0, false));
    audit(f);
    return new SalesforceObject("User", "Users", "005", f);
  }

  private static void audit(List<SalesforceField> f) {
    f.add(of("CreatedDate", "datetime", "Created Date", 0, false));
    f.add(of("LastModifiedDate", "datetime", "Last Modified Date", 0, false));
    f.add(of("SystemModstamp", "datetime", "System Modstamp", 0, false));
  }

  private static Map<String, Integer> stages() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("Prospecting", 10);
    m.put("Qualification", 10);
    m.put("Needs Analysis", 20);
    m.put("Value Proposition", 50);
    m.put("Id. Decision Makers", 60);
    m.put("Perception Analysis", 70);
    m.put("Proposal/Price Quote", 75);
    m.put("Negotiation/Review", 90);
    m.put("Closed Won", 100);
    m.put("Closed Lost", 0);
    return java.util.Collections.unmodifiableMap(m);
  }
}
