package io.tributary.sandbox.dynamics;

import io.tributary.sandbox.RowKey;
import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.VendorResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET {@code /api/data/v9.x/<entityset>}: server-driven paging ({@code Prefer: odata.maxpagesize}, {@code
 * @odata.nextLink} with a {@code $skiptoken}) in primary-key order, and change tracking ({@code Prefer:
 * odata.track-changes}: the final page carries {@code @odata.deltaLink}; a {@code $deltatoken} read returns the rows
 * changed since, new or updated first and deleted ones last as {@code $deletedEntity}), per "Use change tracking to
 * synchronize data with external systems" (fixtures dynamics365/doc_change_tracking_*).
 */
final class DynamicsCollectionEndpoint {

  private static final List<String> NOT_WITH_TRACKING = List.of("$filter", "$orderby", "$expand", "$top");

  private final SandboxDataset dataset;
  private final DynamicsRecords records;
  private final DynamicsSandboxSettings settings;

  DynamicsCollectionEndpoint(SandboxDataset dataset, DynamicsSandboxSettings settings) {
    this.dataset = dataset;
    this.records = new DynamicsRecords(dataset);
    this.settings = settings;
  }

  /** One request's parsed inputs. */
  record Request(DynamicsCatalog.Table table, String apiBase, Map<String, String> query, String prefer,
      Instant now, boolean corrupt) {

    boolean tracking() {
      return prefer.contains("odata.track-changes") || query.containsKey("$deltatoken");
    }

    boolean formatted() {
      return prefer.contains("OData.Community.Display.V1.FormattedValue") || prefer.contains("include-annotations=\"*\"");
    }

    int pageSize(int max) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("odata\\.maxpagesize=(\\d+)").matcher(prefer);
      return m.find() ? Math.max(1, Math.min(max, Integer.parseInt(m.group(1)))) : max;
    }

    List<String> select() {
      String s = query.get("$select");
      return s == null || s.isBlank() ? List.of() : List.of(s.split(","));
    }
  }

  VendorResponse list(Request r) {
    for (String p : r.select()) {
      if (r.table().attributes().stream().noneMatch(a -> a.property().equals(p))) {
        // Wording of the Web API's unknown-property error as commonly reported; simulator wording, unverified.
        return DynamicsJson.error(400, "0x80060888", "Could not find a property named '" + p + "' on type"
            + " 'Microsoft.Dynamics.CRM." + r.table().logicalName() + "'.");
      }
    }
    if (r.tracking()) {
      for (String option : NOT_WITH_TRACKING) {
        if (r.query().containsKey(option)) {
          // Message quoted in fixture doc_change_tracking_notes.txt.
          return DynamicsJson.error(400, "0x80060888", "The " + option + " query parameter isn't supported when"
              + " Change Tracking is enabled.");
        }
      }
    }
    Map<String, String> cookie = r.query().containsKey("$skiptoken")
        ? DynamicsPagingCookie.decode(r.query().get("$skiptoken")) : Map.of("pagenumber", "1");
    if (cookie == null) {
      return DynamicsJson.error(400, "0x80040203", "Invalid paging cookie in $skiptoken.");
    }
    VendorResponse out = r.query().containsKey("$deltatoken") ? delta(r, cookie) : full(r, cookie);
    return out.status() == 200 ? out.withHeader("Preference-Applied", applied(r)) : out;
  }

  /** The preferences honoured; the OData v4 spec (8.2.8.7) has a service echo applied preferences here. */
  private String applied(Request r) {
    String a = "odata.maxpagesize=" + r.pageSize(settings.maxPageSize());
    return r.prefer().contains("odata.track-changes") ? a + ",odata.track-changes" : a;
  }

  private VendorResponse full(Request r, Map<String, String> cookie) {
    DynamicsCatalog.Table t = r.table();
    int n = r.pageSize(settings.maxPageSize());
    long i = cookie.containsKey("last") ? t.index(cookie.get("last").replace("{", "").replace("}", "")) + 1 : 0;
    String since = cookie.getOrDefault("since", Long.toString(r.now().toEpochMilli()));
    long size = dataset.size(t.logicalName());
    List<Object> value = new ArrayList<>();
    String first = null;
    String last = null;
    for (; i < size && value.size() < n; i++) {
      RowState row = dataset.row(t.logicalName(), i);
      if (!row.deleted()) {
        value.add(records.entity(t, row, r.select(), r.formatted(), r.corrupt() && value.isEmpty()));
        first = first == null ? t.id(i) : first;
        last = t.id(i);
      }
    }
    while (i < size && dataset.row(t.logicalName(), i).deleted()) {
      i++;
    }
    Map<String, Object> body = envelope(r, false);
    body.put("value", value);
    if (i < size) {
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put("last", "{" + last.toUpperCase() + "}");
      keys.put("first", "{" + first.toUpperCase() + "}");
      if (r.tracking()) {
        keys.put("since", since);
      }
      int page = Integer.parseInt(cookie.get("pagenumber")) + 1;
      body.put("@odata.nextLink", link(r, null, DynamicsPagingCookie.encode(page, t.primaryId(), keys, r.tracking())));
    } else if (r.tracking()) {
      body.put("@odata.deltaLink", link(r, DynamicsDeltaToken.issue(Instant.ofEpochMilli(Long.parseLong(since))),
          null));
    }
    return DynamicsJson.ok(body);
  }

  private VendorResponse delta(Request r, Map<String, String> cookie) {
    Instant from = DynamicsDeltaToken.parse(r.query().get("$deltatoken"));
    if (from == null || from.isBefore(r.now().minus(Duration.ofDays(settings.changeTrackingDays())))) {
      // The organization service's wording for an expired token (MicrosoftDocs/powerapps-docs#3845); the Web API's
      // status code for it is unverified.
      return DynamicsJson.error(400, "0x80044352", "Version stamp associated with the client has expired. Please"
          + " perform a full sync.");
    }
    DynamicsCatalog.Table t = r.table();
    int n = r.pageSize(settings.maxPageSize());
    Instant until = cookie.containsKey("until") ? Instant.ofEpochMilli(Long.parseLong(cookie.get("until")))
        : r.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    boolean deletedPhase = "deleted".equals(cookie.get("phase"));
    // The exact stamp (not millis): rows changed by tests carry sub-millisecond clock readings.
    RowKey after = cookie.containsKey("lastmodified") ? new RowKey(Instant.parse(cookie.get("lastmodified")),
        Long.parseLong(cookie.get("lastindex"))) : new RowKey(from, Long.MAX_VALUE);
    RowKey before = new RowKey(until, Long.MAX_VALUE);
    List<Object> value = new ArrayList<>();
    RowState lastRow = null;
    boolean more = false;
    while (true) {
      Iterator<RowState> it = dataset.scan(t.logicalName(), after, before, true);
      while (it.hasNext()) {
        RowState row = it.next();
        if (row.deleted() != deletedPhase) {
          continue;
        }
        if (value.size() == n) {
          more = true;
          break;
        }
        value.add(deletedPhase ? deletedEntity(r, t, row) : records.entity(t, row, r.select(), r.formatted(),
            r.corrupt() && value.isEmpty()));
        lastRow = row;
      }
      if (more || deletedPhase) {
        break;
      }
      deletedPhase = true;
      after = new RowKey(from, Long.MAX_VALUE);
      lastRow = null;
    }
    Map<String, Object> body = envelope(r, true);
    body.put("value", value);
    if (more) {
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put("phase", deletedPhase ? "deleted" : "changed");
      keys.put("lastmodified", lastRow.modifiedAt().toString());
      keys.put("lastindex", Long.toString(lastRow.index()));
      keys.put("until", Long.toString(until.toEpochMilli()));
      int page = Integer.parseInt(cookie.get("pagenumber")) + 1;
      body.put("@odata.nextLink", link(r, r.query().get("$deltatoken"),
          DynamicsPagingCookie.encode(page, t.primaryId(), keys, true)));
    } else {
      body.put("@odata.deltaLink", link(r, DynamicsDeltaToken.issue(until), null));
    }
    return DynamicsJson.ok(body);
  }

  private static Map<String, Object> deletedEntity(Request r, DynamicsCatalog.Table t, RowState row) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("@odata.context", r.apiBase() + "/$metadata#" + t.entitySet() + "/$deletedEntity");
    d.put("id", t.id(row.index()));
    d.put("reason", "deleted");
    return d;
  }

  private static Map<String, Object> envelope(Request r, boolean delta) {
    String select = r.select().isEmpty() ? "" : "(" + String.join(",", r.select()) + ")";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", r.apiBase() + "/$metadata#" + r.table().entitySet() + select + (delta ? "/$delta"
        : ""));
    return body;
  }

  /** A next or delta link: the same $select, then $deltatoken and/or $skiptoken, percent-encoded. */
  private static String link(Request r, String deltaToken, String skipToken) {
    StringBuilder s = new StringBuilder(r.apiBase() + "/" + r.table().entitySet());
    List<String> params = new ArrayList<>();
    if (!r.select().isEmpty()) {
      params.add("$select=" + String.join(",", r.select()));
    }
    if (deltaToken != null) {
      params.add("$deltatoken=" + DynamicsPagingCookie.lowerPct(deltaToken));
    }
    if (skipToken != null) {
      params.add("$skiptoken=" + DynamicsPagingCookie.pct(skipToken));
    }
    return params.isEmpty() ? s.toString() : s.append('?').append(String.join("&", params)).toString();
  }
}
