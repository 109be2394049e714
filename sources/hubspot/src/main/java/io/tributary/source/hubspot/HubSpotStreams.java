package io.tributary.source.hubspot;

import io.tributary.core.NameSuggester;
import io.tributary.core.TributaryException;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams a HubSpot source reads: one per CRM object ({@code deals}), {@code owners}, and association link
 * tables named {@code <from>_to_<to>} ({@code deals_to_companies}) for any two different objects.
 *
 * @param kind what the stream reads
 * @param from the object (for an object stream) or the link's from-object
 * @param to the link's to-object, null otherwise
 */
record HubSpotStreams(Kind kind, String from, String to) {

  enum Kind { OBJECT, OWNERS, LINK }

  static final String OWNERS = "owners";
  /** The link streams {@code discover} lists; any other pair of objects works too. */
  static final List<String> COMMON_LINKS = List.of("deals_to_companies", "deals_to_contacts",
      "contacts_to_companies", "tickets_to_contacts", "tickets_to_companies", "line_items_to_deals");

  /** Classifies a stream name, or fails with the names it could have meant. */
  static HubSpotStreams of(String stream) {
    if (HubSpotObjects.known(stream)) {
      return new HubSpotStreams(Kind.OBJECT, stream, null);
    }
    if (OWNERS.equals(stream)) {
      return new HubSpotStreams(Kind.OWNERS, null, null);
    }
    int cut = stream.indexOf("_to_");
    if (cut > 0) {
      String from = stream.substring(0, cut);
      String to = stream.substring(cut + 4);
      if (HubSpotObjects.known(from) && HubSpotObjects.known(to) && !from.equals(to)) {
        return new HubSpotStreams(Kind.LINK, from, to);
      }
    }
    throw TributaryException.config("HubSpot has no stream '" + stream + "' that Tributary reads",
        NameSuggester.didYouMean(stream, names()) + "use an object " + HubSpotObjects.names() + ", owners, or a link"
            + " table <from>_to_<to> such as deals_to_companies");
  }

  /** Every stream {@code discover} lists. */
  static List<String> names() {
    List<String> out = new ArrayList<>(HubSpotObjects.names());
    out.add(OWNERS);
    out.addAll(COMMON_LINKS);
    return out;
  }
}
