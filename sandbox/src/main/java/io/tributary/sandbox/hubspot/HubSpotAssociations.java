package io.tributary.sandbox.hubspot;

import io.tributary.sandbox.RowState;
import io.tributary.sandbox.SandboxDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The associations between the simulator's records: a pure function of (seed, pair, from row, its version), so
 * touching a deal may change its companies, as editing a deal's associations does in HubSpot. A link to a deleted
 * (archived) record is left out. Type ids are HubSpot's defaults from the v4 associations guide ("Association type ID
 * values"): an unlabeled type for every link, plus the primary type on the first company. Only the directions below
 * are simulated; the reverse directions are answered with a 400.
 */
public final class HubSpotAssociations {

  /** One association type on a link: {@code category}, {@code typeId}, {@code label} (null when unlabeled). */
  public record Type(String category, int typeId, String label) {}

  /** The associations from one record to one other record. */
  public record Link(String toId, List<Type> types) {}

  /** A simulated direction: the unlabeled type id, the primary type id or 0, and a user-defined label's id or 0. */
  private record Pair(int unlabeled, int primary, int userLabel) {}

  private static final Map<String, Pair> PAIRS = Map.of(
      "deals>companies", new Pair(341, 5, 0),
      "deals>contacts", new Pair(3, 0, 1_001),
      "contacts>companies", new Pair(279, 1, 0),
      "tickets>contacts", new Pair(16, 0, 0),
      "tickets>companies", new Pair(339, 26, 0),
      "line_items>deals", new Pair(20, 0, 0));

  private final SandboxDataset dataset;
  private final HubSpotCatalog catalog;

  HubSpotAssociations(SandboxDataset dataset, HubSpotCatalog catalog) {
    this.dataset = dataset;
    this.catalog = catalog;
  }

  public static boolean simulated(String from, String to) {
    return PAIRS.containsKey(from + ">" + to);
  }

  /** The links of one live record to records of {@code to}, in to-id order: the ground truth of a link stream. */
  public List<Link> of(RowState from, String to) {
    Pair pair = PAIRS.get(from.object() + ">" + to);
    long targets = dataset.baseSize(to);
    if (pair == null || from.deleted() || targets == 0) {
      return List.of();
    }
    SplittableRandom r = dataset.random(from.object() + ">" + to, from.index(), from.version());
    int n = r.nextInt(0, 4);
    TreeSet<Long> picked = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      long index = r.nextLong(targets);
      if (!dataset.row(to, index).deleted()) {
        picked.add(index);
      }
    }
    List<Link> out = new ArrayList<>();
    for (long index : picked) {
      List<Type> types = new ArrayList<>();
      if (out.isEmpty() && pair.primary() > 0) {
        types.add(new Type("HUBSPOT_DEFINED", pair.primary(), "Primary"));
      }
      types.add(new Type("HUBSPOT_DEFINED", pair.unlabeled(), null));
      if (pair.userLabel() > 0 && r.nextInt(4) == 0) {
        // User-defined labels get portal-specific type ids; 1001 is the simulator's.
        types.add(new Type("USER_DEFINED", pair.userLabel(), "Decision maker"));
      }
      out.add(new Link(catalog.object(to).id(index), List.copyOf(types)));
    }
    return out;
  }
}
