package io.tributary.source.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.Durations;
import io.tributary.core.NameSuggester;
import io.tributary.core.ReadRequest;
import io.tributary.core.StreamReader;
import io.tributary.core.StreamSchema;
import io.tributary.core.TributaryException;
import io.tributary.core.TypedOptionsSource;
import io.tributary.http.AuthProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads HubSpot CRM objects (contacts, companies, deals, tickets, products, line items), owners, and association link
 * tables ({@code deals_to_companies}). Object schemas come from the Properties API, custom properties included; the
 * primary key is {@code id}, or {@code (from_id, to_id, type_id)} for a link table. Holds one
 * {@link HubSpotClient}.
 */
final class HubSpotSource extends TypedOptionsSource<HubSpotStreamOptions> {

  private final HubSpotClient client;
  private final Duration indexLag;

  HubSpotSource(HubSpotConfig config, URI base, AuthProvider auth) {
    super(HubSpotStreamOptions::parse, HubSpotStreams.names());
    this.client = new HubSpotClient(base, auth, config, base.toString(), new ObjectMapper());
    this.indexLag = config.searchIndexLag() == null ? Duration.ofSeconds(60) : Durations.parse(config.searchIndexLag());
  }

  @Override
  public void check() {
    client.properties("contacts");
  }

  @Override
  public StreamSchema discover(String stream, Map<String, Object> options) {
    HubSpotStreamOptions opts = options(stream, options);
    return switch (opts.stream().kind()) {
      case OBJECT -> new StreamSchema(stream, HubSpotProperties.columns(selected(stream, opts)), List.of("id"));
      case OWNERS -> new StreamSchema(stream, HubSpotOwnerRecords.columns(), List.of("id"));
      case LINK -> new StreamSchema(stream, HubSpotLinkRecords.columns(), HubSpotLinkRecords.KEY);
    };
  }

  @Override
  protected StreamReader open(ReadRequest request, HubSpotStreamOptions opts) {
    if (opts.stream().kind() == HubSpotStreams.Kind.OWNERS) {
      return new HubSpotOwnersReader(client, opts.includeArchived(), Clock.systemUTC());
    }
    if (opts.stream().kind() == HubSpotStreams.Kind.LINK) {
      return new HubSpotAssociationsReader(client, request, opts.stream(), indexLag, Clock.systemUTC());
    }
    List<String> names = selected(request.stream(), opts).stream().map(HubSpotProperties.Property::name).toList();
    return new HubSpotStreamReader(client, request, names, opts.includeArchived(), indexLag, Clock.systemUTC());
  }

  /** The properties a stream reads: the option's list (each checked against the Properties API) or all of them. */
  private List<HubSpotProperties.Property> selected(String object, HubSpotStreamOptions opts) {
    List<HubSpotProperties.Property> all = client.properties(object);
    if (opts.properties().isEmpty()) {
      return all;
    }
    Map<String, HubSpotProperties.Property> byName = all.stream()
        .collect(Collectors.toMap(HubSpotProperties.Property::name, p -> p, (a, b) -> a));
    List<HubSpotProperties.Property> out = new ArrayList<>();
    for (String name : opts.properties()) {
      HubSpotProperties.Property p = byName.get(name);
      if (p == null) {
        Set<String> known = byName.keySet();
        throw TributaryException.config("HubSpot " + object + " has no property '" + name + "'",
            NameSuggester.didYouMean(name, known) + "list the properties with: tributary discover");
      }
      out.add(p);
    }
    return out;
  }
}
