package io.tributary.sandbox.totango;

import static io.tributary.sandbox.GeneratedFields.Kind.CHANGING;
import static io.tributary.sandbox.GeneratedFields.Kind.DAY;
import static io.tributary.sandbox.GeneratedFields.Kind.EMAIL;
import static io.tributary.sandbox.GeneratedFields.Kind.KEY;
import static io.tributary.sandbox.GeneratedFields.Kind.MODIFIED;
import static io.tributary.sandbox.GeneratedFields.Kind.NAME;
import static io.tributary.sandbox.GeneratedFields.Kind.WORD;

import io.tributary.sandbox.GeneratedFields;
import io.tributary.sandbox.GeneratedFields.Field;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.util.List;
import java.util.Map;

/**
 * The simulated Totango service: accounts and users with the terms and attributes the Search API documentation and
 * its public users name. An account's {@code name} is its account id and {@code display_name} its name (the docs:
 * "the account name and account-id are always returned"); a user's {@code name} is its user id. Field names here
 * are the Search API's: terms ({@code status_group}, {@code health}) and attributes ({@code Success Manager},
 * {@code Contract Start Date}, {@code Email}, {@code contact_account_role}). {@code health_trend} is the time health
 * last changed, which the simulator takes to be the row's modification stamp. Values are a pure function of the row.
 */
public final class TotangoRecords {

  public static final String ACCOUNTS = "accounts";
  public static final String USERS = "users";

  static final List<Field> ACCOUNT_FIELDS = List.of(
      Field.of("name", KEY), Field.words("display_name", NAME, "Acme", "Blue Harbor", "Northwind", "Summit", "Globex"),
      Field.words("status_group", CHANGING, "paying", "trial", "churned"),
      Field.words("health", CHANGING, "green", "yellow", "red"), Field.of("health_trend", MODIFIED),
      Field.words("Success Manager", WORD, "Dana Reyes", "Lee Park", "Sam Okafor", "Ana Costa"),
      Field.of("Contract Start Date", DAY));

  static final List<Field> USER_FIELDS = List.of(
      Field.of("name", KEY), Field.words("display_name", NAME, "Ada", "Ben", "Chloe", "Dev", "Eva", "Farid"),
      Field.reference("account", ACCOUNTS), Field.words("Email", EMAIL, "customer.example"),
      Field.words("contact_account_role", CHANGING, "Customer", "Admin", "Champion", "Billing"),
      Field.of("last_activity_time", MODIFIED));

  /** The attribute types of each field name (for the Search API's field and term types). */
  static final Map<String, String> ATTRIBUTE_TYPE = Map.of(
      "Success Manager", "string_attribute", "Contract Start Date", "simple_date_attribute",
      "Email", "string_attribute", "contact_account_role", "string_attribute");

  private final SandboxDataset dataset;

  TotangoRecords(SandboxDataset dataset) {
    this.dataset = dataset;
  }

  /** An account id ({@code ACC000001}) or user id ({@code user000001@customer.example}); both sort by row. */
  public static String id(String object, long index) {
    String n = String.format("%06d", index + 1);
    return object.equals(ACCOUNTS) ? "ACC" + n : "user" + n + "@customer.example";
  }

  static List<Field> fields(String object) {
    return object.equals(ACCOUNTS) ? ACCOUNT_FIELDS : USER_FIELDS;
  }

  /** Every field of one row as typed values (ground truth for tests). */
  public Map<String, Object> values(RowState row) {
    return GeneratedFields.values(dataset, row, fields(row.object()), TotangoRecords::id);
  }

  List<Map<String, Object>> all(String object) {
    return GeneratedFields.matching(dataset, object, fields(object), TotangoRecords::id, v -> true, null);
  }
}
