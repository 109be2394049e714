package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns dataset rows into HubSpot objects: a pure function of (seed, object, index, version). Property values are
 * strings or null, as the CRM v3 API returns them ({@code "annualrevenue": "1000000000"}, datetimes as ISO-8601 with
 * milliseconds); tests use {@link #properties} as ground truth.
 */
public final class HubSpotRecords {

  static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final List<String> FIRST = List.of("Ada", "Ben", "Chloé", "Dev", "Eva", "Farid", "Grace", "Hiro");
  private static final List<String> LAST = List.of("Okafor", "Lindqvist", "O'Brien", "Nakamura", "García", "Müller");
  private static final List<String> COMPANY = List.of("Blue Harbor", "Northwind", "Summit", "Granite", "Redwood");
  private static final List<String> STAGES = List.of("subscriber", "lead", "opportunity", "customer");
  private static final List<String> DEAL_STAGES = List.of("appointmentscheduled", "qualifiedtobuy", "closedwon");
  private static final List<String> INDUSTRY = List.of("COMPUTER_SOFTWARE", "RETAIL", "BANKING", "UTILITIES");

  private final SandboxDataset dataset;
  private final HubSpotCatalog catalog;

  public HubSpotRecords(SandboxDataset dataset, HubSpotCatalog catalog) {
    this.dataset = dataset;
    this.catalog = catalog;
  }

  public HubSpotCatalog catalog() {
    return catalog;
  }

  public SandboxDataset dataset() {
    return dataset;
  }

  /** Every property of a row, in the catalog's order, as the API returns them. */
  public Map<String, String> properties(RowState row) {
    HubSpotCatalog.ObjectType type = catalog.object(row.object());
    SplittableRandom fixed = dataset.random(row.object(), row.index(), 0);
    SplittableRandom changing = dataset.random(row.object(), row.index(), row.version());
    Map<String, String> p = new LinkedHashMap<>();
    for (HubSpotCatalog.Property prop : type.properties()) {
      p.put(prop.name(), value(type, prop, row, fixed, changing));
    }
    return p;
  }

  private static String value(HubSpotCatalog.ObjectType type, HubSpotCatalog.Property prop, RowState row,
      SplittableRandom fixed, SplittableRandom changing) {
    String name = prop.name();
    if (name.equals("createdate")) {
      return ISO_MILLIS.format(row.createdAt());
    }
    if (name.equals(type.modifiedProperty())) {
      return ISO_MILLIS.format(row.modifiedAt());
    }
    if (name.equals("hs_object_id")) {
      return type.id(row.index());
    }
    return switch (name) {
      case "firstname" -> pick(fixed, FIRST);
      case "lastname" -> pick(fixed, LAST);
      case "email" -> "user" + row.index() + "@example.com";
      case "name", "dealname", "subject" -> pick(fixed, COMPANY) + " " + row.index();
      case "domain" -> "c" + row.index() + ".example.com";
      case "lifecyclestage", "hs_pipeline_stage" -> pick(changing, STAGES);
      case "dealstage" -> pick(changing, DEAL_STAGES);
      case "industry" -> pick(fixed, INDUSTRY);
      case "pipeline" -> "default";
      case "hs_ticket_priority" -> pick(changing, List.of("LOW", "MEDIUM", "HIGH"));
      case "closedate" -> ISO_MILLIS.format(row.createdAt().plusSeconds(86_400L * fixed.nextInt(1, 90)));
      // a deal's owner is one of the first 20 owners (the owners API's ids), so marts can name the rep
      case "hubspot_owner_id" -> HubSpotOwners.TYPE.id(fixed.nextInt(0, 20));
      case "hs_product_id" -> Long.toString(100 + fixed.nextInt(0, 20));
      case "content" -> changing.nextInt(0, 4) == 0 ? null : "Line one\nline \"two\"";
      case "hs_sku" -> "SKU-" + row.index();
      default -> prop.type().equals("number") ? number(name, changing) : custom(prop, row, changing);
    };
  }

  private static String number(String name, SplittableRandom r) {
    if (r.nextInt(0, 10) == 0) {
      return null;
    }
    return switch (name) {
      case "hubspotscore", "quantity" -> Integer.toString(r.nextInt(0, 100));
      default -> BigDecimal.valueOf(r.nextLong(0, 10_000_000), 2).toPlainString();
    };
  }

  private static String custom(HubSpotCatalog.Property prop, RowState row, SplittableRandom r) {
    return r.nextInt(0, 5) == 0 ? null : prop.name().substring(prop.name().length() - 3) + "-" + row.index();
  }

  private static String pick(SplittableRandom r, List<String> values) {
    return values.get(r.nextInt(values.size()));
  }

  /**
   * A SimplePublicObject: {@code id}, the requested {@code properties}, {@code createdAt}, {@code updatedAt},
   * {@code archived} and, for archived rows, {@code archivedAt}. A null or empty selection returns HubSpot's default
   * properties (the modification stamp, createdate and hs_object_id).
   */
  public Map<String, Object> object(RowState row, Collection<String> requested, boolean corrupt) {
    HubSpotCatalog.ObjectType type = catalog.object(row.object());
    Map<String, String> all = properties(row);
    Map<String, Object> props = new LinkedHashMap<>();
    Collection<String> names = requested == null || requested.isEmpty()
        ? List.of("createdate", type.modifiedProperty(), "hs_object_id") : requested;
    for (String n : names) {
      if (all.containsKey(n)) {
        props.put(n, all.get(n));
      }
    }
    if (corrupt) {
      props.put("createdate", "2024-13-45T99:99:99.999Z");
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", type.id(row.index()));
    o.put("properties", props);
    o.put("createdAt", ISO_MILLIS.format(row.createdAt()));
    o.put("updatedAt", ISO_MILLIS.format(row.modifiedAt()));
    o.put("archived", row.deleted());
    if (row.deleted()) {
      o.put("archivedAt", ISO_MILLIS.format(row.modifiedAt()));
    }
    return o;
  }

  static String millis(Instant at) {
    return Long.toString(at.toEpochMilli());
  }
}
