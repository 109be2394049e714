package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import io.tributary.sandbox.VendorResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Owners API, {@code GET /crm/v3/owners/?limit&after&archived}, over the dataset object {@code owners}. The owner
 * shape follows the Owners guide's examples (developers.hubspot.com/docs/api-reference/legacy/crm/owners/guide):
 * {@code id} a string, {@code userId} and {@code userIdIncludingInactive} numbers, {@code userId} null for archived
 * (deactivated) owners, {@code teams} absent when the owner is on no team. Pages are in id order with an opaque
 * {@code after} token like the objects list. The page maximum of 500 is what the issue states; HubSpot's spec gives
 * only the default (100), so the cap is unverified.
 */
public final class HubSpotOwners {

  static final int MAX_LIMIT = 500;
  /** Id ↔ row index; ids like the guide's "41629779". */
  public static final HubSpotCatalog.ObjectType TYPE =
      new HubSpotCatalog.ObjectType("owners", "updatedAt", 41_629_779, 53, List.of());

  private static final List<String> FIRST = List.of("Amara", "Bruno", "Chen", "Dana", "Elif", "Femi", "Greta");
  private static final List<String> LAST = List.of("Haddad", "Ivanova", "Jensen", "Kowalski", "Lopez", "Mensah");
  private static final List<List<String>> TEAMS = List.of(List.of("368389", "Sales Team"),
      List.of("368390", "Support Team"), List.of("368391", "EMEA"));

  private final SandboxDataset dataset;

  HubSpotOwners(SandboxDataset dataset) {
    this.dataset = dataset;
  }

  /** One owner as the API returns it: the ground truth of the owners stream. */
  public Map<String, Object> owner(RowState row, boolean corrupt) {
    SplittableRandom fixed = dataset.random("owners", row.index(), 0);
    SplittableRandom changing = dataset.random("owners", row.index(), row.version());
    long userId = 9_586_504L + 17 * row.index();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", TYPE.id(row.index()));
    o.put("email", "owner" + row.index() + "@example.com");
    o.put("type", "PERSON");
    o.put("firstName", FIRST.get(fixed.nextInt(FIRST.size())));
    o.put("lastName", LAST.get(fixed.nextInt(LAST.size())));
    o.put("userId", row.deleted() ? null : userId);
    o.put("userIdIncludingInactive", userId);
    o.put("createdAt", corrupt ? "2024-13-45T99:99:99.999Z" : HubSpotRecords.ISO_MILLIS.format(row.createdAt()));
    o.put("updatedAt", HubSpotRecords.ISO_MILLIS.format(row.modifiedAt()));
    o.put("archived", row.deleted());
    int teams = changing.nextInt(0, 3);
    if (teams > 0) {
      List<Object> list = new ArrayList<>();
      int first = changing.nextInt(TEAMS.size());
      for (int t = 0; t < teams; t++) {
        List<String> team = TEAMS.get((first + t) % TEAMS.size());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", team.get(0));
        m.put("name", team.get(1));
        m.put("primary", t == 0);
        list.add(m);
      }
      o.put("teams", list);
    }
    return o;
  }

  /** GET /crm/v3/owners/: live owners, or only archived ones with {@code archived=true}. */
  VendorResponse list(Map<String, String> query, boolean corrupt) {
    return HubSpotListPage.of(dataset, TYPE, query, 100, MAX_LIMIT, corrupt, this::owner);
  }
}
