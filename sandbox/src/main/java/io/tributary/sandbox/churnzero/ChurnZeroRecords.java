package io.tributary.sandbox.churnzero;

import static io.tributary.sandbox.GeneratedFields.Kind.COUNT;
import static io.tributary.sandbox.GeneratedFields.Kind.CREATED;
import static io.tributary.sandbox.GeneratedFields.Kind.DAY;
import static io.tributary.sandbox.GeneratedFields.Kind.EMAIL;
import static io.tributary.sandbox.GeneratedFields.Kind.FLAG;
import static io.tributary.sandbox.GeneratedFields.Kind.KEY;
import static io.tributary.sandbox.GeneratedFields.Kind.MODIFIED;
import static io.tributary.sandbox.GeneratedFields.Kind.MONEY;
import static io.tributary.sandbox.GeneratedFields.Kind.NAME;
import static io.tributary.sandbox.GeneratedFields.Kind.WORD;

import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.GeneratedFields.Field;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated ChurnZero instance behind the REST API's Account, Contact and Event entities. Property names are the
 * REST API's (PascalCase, {@code Id}, {@code AccountId}, {@code ExternalId}, {@code ObjectCreatedDate},
 * {@code ObjectLastModifiedDate}; account fields as in the batch import: {@code NextRenewalDate},
 * {@code TotalContractAmount}, {@code IsActive}, {@code StartDate}, {@code LicenseCount}; event fields as the event
 * API takes them: {@code EventDate}, {@code EventTypeId}, {@code Quantity}, {@code Description}). Ids are whole
 * numbers (public clients filter {@code AccountId eq 123} without quotes). Values are a pure function of the row.
 */
public final class ChurnZeroRecords {

  public static final String ACCOUNT = "Account";
  public static final String CONTACT = "Contact";
  public static final String EVENT = "Event";

  static final Map<String, List<Field>> ENTITIES = Map.of(
      ACCOUNT, List.of(Field.of("Id", KEY), Field.words("Name", NAME, "Acme", "Globex", "Initech", "Hooli", "Vandelay"),
          Field.of("IsActive", FLAG), Field.of("StartDate", DAY), Field.of("NextRenewalDate", DAY),
          Field.of("TotalContractAmount", MONEY), Field.of("LicenseCount", COUNT),
          Field.of("ObjectCreatedDate", CREATED), Field.of("ObjectLastModifiedDate", MODIFIED)),
      CONTACT, List.of(Field.of("Id", KEY), Field.reference("AccountId", ACCOUNT),
          Field.words("FirstName", WORD, "Ada", "Ben", "Chloe", "Dev", "Eva", "Farid"),
          Field.words("LastName", WORD, "Okafor", "Lindqvist", "Nakamura", "Garcia", "Muller"),
          Field.words("Email", EMAIL, "customer.example"),
          Field.of("ObjectCreatedDate", CREATED), Field.of("ObjectLastModifiedDate", MODIFIED)),
      EVENT, List.of(Field.of("Id", KEY), Field.reference("AccountId", ACCOUNT), Field.reference("ContactId", CONTACT),
          Field.of("EventDate", CREATED),
          Field.words("Description", WORD, "Logged in", "Exported a report", "Invited a user", "Opened a ticket"),
          Field.of("Quantity", COUNT), Field.of("ObjectCreatedDate", CREATED),
          Field.of("ObjectLastModifiedDate", MODIFIED)));

  private final SandboxDataset dataset;

  ChurnZeroRecords(SandboxDataset dataset) {
    this.dataset = dataset;
  }

  /** Ids count from 1 in row order. */
  static Object id(String entity, long index) {
    return index + 1;
  }

  /** Every property of one row as typed values (ground truth for tests), derived ones included. */
  public Map<String, Object> values(RowState row) {
    return derived(row.object(), GeneratedFields.values(dataset, row, ENTITIES.get(row.object()),
        ChurnZeroRecords::id));
  }

  /** The property names of an entity, derived ones included. */
  static java.util.Set<String> properties(String entity) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    ENTITIES.get(entity).forEach(f -> names.add(f.name()));
    names.addAll(switch (entity) {
      case ACCOUNT -> List.of("ExternalId", "CrmId");
      case CONTACT -> List.of("ExternalId", "CrmId", "FullName");
      default -> List.of("EventTypeId");
    });
    return names;
  }

  List<Map<String, Object>> all(String entity) {
    return GeneratedFields.matching(dataset, entity, ENTITIES.get(entity), ChurnZeroRecords::id, v -> true, null)
        .stream().map(v -> derived(entity, v)).toList();
  }

  /** The properties that follow from others: external and CRM ids, a contact's full name, an event's type. */
  private static Map<String, Object> derived(String entity, Map<String, Object> v) {
    Map<String, Object> out = new LinkedHashMap<>(v);
    long id = (Long) v.get("Id");
    switch (entity) {
      case ACCOUNT -> {
        out.put("ExternalId", "A-" + id);
        out.put("CrmId", String.format("0015e00000%08d", id));
      }
      case CONTACT -> {
        out.put("ExternalId", "C-" + id);
        out.put("CrmId", String.format("0035e00000%08d", id));
        out.put("FullName", v.get("FirstName") + " " + v.get("LastName"));
      }
      default -> out.put("EventTypeId", 1 + id % 6);
    }
    return out;
  }
}
